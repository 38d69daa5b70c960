package dev.pkinitkdc.kdc.tool.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValidityTest {
    @Test
    void yearsAreRoundedUpToWholeDays() {
        assertEquals(Duration.ofDays(913), Validity.parse("2.5y"));
        assertEquals(Duration.ofDays(3650), Validity.parse("10y"));
        assertEquals(Duration.ofDays(913), Validity.parse("913d"));
        assertEquals(Duration.ofHours(12), Validity.parse("12h"));
    }

    @Test
    void otherTextIsRefused() {
        for (String bad : new String[] {"10", "y", "-1y", "0d", "1w", "101y", "2,5y"}) {
            assertThrows(IllegalArgumentException.class, () -> Validity.parse(bad), bad);
        }
    }
}
