package dev.pkinitkdc.kdc.tool.pki;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate lifetime as the {@code pki} options give it: a number, possibly with a fraction, and a unit
 * {@code y} (365 days), {@code d} or {@code h}; years and days are rounded up to whole days ({@code 2.5y} is
 * 913 days, the Windows "Kerberos Authentication" template's default lifetime as the tool uses it).
 */
final class Validity {
    private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)([ydh])");
    private static final long MAX_DAYS = 100 * 365;

    private Validity() {
    }

    static Duration parse(String text) {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a validity such as 10y, 2.5y, 913d or 12h");
        }
        BigDecimal amount = new BigDecimal(m.group(1));
        Duration lifetime = switch (m.group(2)) {
            case "y" -> Duration.ofDays(amount.multiply(BigDecimal.valueOf(365)).setScale(0, RoundingMode.CEILING)
                    .longValueExact());
            case "d" -> Duration.ofDays(amount.setScale(0, RoundingMode.CEILING).longValueExact());
            default -> Duration.ofMinutes(amount.multiply(BigDecimal.valueOf(60)).setScale(0, RoundingMode.CEILING)
                    .longValueExact());
        };
        if (lifetime.isZero() || lifetime.toDays() > MAX_DAYS) {
            throw new IllegalArgumentException("\"" + text + "\" must be more than 0 and at most 100y");
        }
        return lifetime;
    }
}
