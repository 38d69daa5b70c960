package dev.pkinitkdc.mapping.account;

import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Active Directory attributes the mapping decides by from a {@link DirectoryAccount}: objectSid
 * ({@code S-1-...} text, as the LDAP reader delivers it), userAccountControl, accountExpires and lockoutTime
 * (FILETIME: 100 ns since 1601-01-01 UTC; accountExpires 0 and 0x7FFFFFFFFFFFFFFF mean never), whenCreated
 * (GeneralizedTime), objectClass and altSecurityIdentities. Unreadable values are reported, never thrown.
 */
public record AccountAttributes(DirectoryAccount account) {
    private static final long NEVER = Long.MAX_VALUE;
    private static final long FILETIME_EPOCH_OFFSET_SECONDS = 11_644_473_600L;
    private static final Pattern GENERALIZED_TIME =
            Pattern.compile("(\\d{14})(?:[.,](\\d{1,9}))?(Z|[+-]\\d{4})?");
    /** Built once: DateTimeFormatter.ofPattern parses its pattern on every call (seen in the AS-REQ profile). */
    private static final DateTimeFormatter GENERALIZED_TIME_SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    public List<String> altSecurityIdentities() {
        return account.values("altSecurityIdentities");
    }

    public Optional<String> objectSid() {
        return account.values("objectSid").stream().findFirst().map(s -> s.trim().toUpperCase(Locale.ROOT));
    }

    public boolean hasObjectClass(String objectClass) {
        return account.values("objectClass").stream().anyMatch(objectClass::equalsIgnoreCase);
    }

    long userAccountControl(List<String> problems) {
        return number("userAccountControl", problems).orElse(0L);
    }

    Optional<Instant> accountExpires(List<String> problems) {
        return number("accountExpires", problems).filter(v -> v != 0 && v != NEVER).map(AccountAttributes::filetime);
    }

    Optional<Instant> lockoutTime(List<String> problems) {
        return number("lockoutTime", problems).filter(v -> v != 0).map(AccountAttributes::filetime);
    }

    Optional<Instant> whenCreated(List<String> problems) {
        Optional<String> text = account.values("whenCreated").stream().findFirst();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = GENERALIZED_TIME.matcher(text.get().trim());
        try {
            if (!m.matches()) {
                throw new DateTimeParseException("not GeneralizedTime", text.get(), 0);
            }
            LocalDateTime local = LocalDateTime.parse(m.group(1), GENERALIZED_TIME_SECONDS);
            ZoneOffset offset = m.group(3) == null || m.group(3).equals("Z") ? ZoneOffset.UTC
                    : ZoneOffset.of(m.group(3).substring(0, 3) + ":" + m.group(3).substring(3));
            Instant at = local.toInstant(offset);
            return Optional.of(m.group(2) == null ? at
                    : at.plusNanos(Long.parseLong((m.group(2) + "00000000").substring(0, 9))));
        } catch (java.time.DateTimeException e) {
            problems.add("whenCreated \"" + text.get() + "\" is not a GeneralizedTime");
            return Optional.empty();
        }
    }

    private Optional<Long> number(String attribute, List<String> problems) {
        Optional<String> text = account.values(attribute).stream().findFirst();
        try {
            return text.map(t -> Long.parseLong(t.trim()));
        } catch (NumberFormatException e) {
            problems.add(attribute + " \"" + text.get() + "\" is not a number");
            return Optional.empty();
        }
    }

    private static Instant filetime(long value) {
        return Instant.ofEpochSecond(Math.floorDiv(value, 10_000_000L) - FILETIME_EPOCH_OFFSET_SECONDS,
                Math.floorMod(value, 10_000_000L) * 100);
    }
}
