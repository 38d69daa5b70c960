package dev.pkinitkdc.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkinitkdc.mapping.ClientNameHint.Kind;
import dev.pkinitkdc.mapping.directory.AccountLookup.BySamAccountName;
import dev.pkinitkdc.mapping.directory.AccountLookup.ByUserPrincipalName;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientNameHintTest {
    private static ClientNameHint hint(int type, String... components) {
        return new ClientNameHint(type, List.of(components), "LAB.EXAMPLE");
    }

    @Test
    void principalIsSamAccountName() {
        assertEquals(Kind.SAM_ACCOUNT_NAME, hint(1, "alice").kind());
        assertEquals(List.of(new BySamAccountName("alice")), hint(1, "alice").lookups("lab.example"));
        assertEquals(List.of(new BySamAccountName("alice")), hint(1, "LAB\\alice").lookups("lab.example"));
    }

    @Test
    void enterpriseIsUpnThenImplicitUpnInTheRealmsDomain() {
        assertEquals(Kind.USER_PRINCIPAL_NAME, hint(10, "alice@LAB.example").kind());
        assertEquals(List.of(new ByUserPrincipalName("alice@LAB.example"), new BySamAccountName("alice")),
                hint(10, "alice@LAB.example").lookups("lab.example"));
        assertEquals(List.of(new ByUserPrincipalName("alice@other.example")),
                hint(10, "alice@other.example").lookups("lab.example"));
    }

    @Test
    void onlyX500PrincipalMeansNoHint() {
        assertEquals(Kind.NONE, hint(6, "CN=alice,DC=lab").kind());
        assertEquals(List.of(), hint(6, "CN=alice,DC=lab").lookups("lab.example"));
        assertEquals(List.of(), ClientNameHint.none("LAB.EXAMPLE").lookups("lab.example"));
    }

    /** MS-PKCA 3.1.5.2.1: every other name type is looked up by its name, not read as "no hint". */
    @Test
    void everyOtherNameTypeNamesAnAccount() {
        for (int type : new int[] {0, 1, 2, 3, 10, 11, -128}) {
            assertEquals(List.of(new BySamAccountName("bob")), hint(type, "bob").lookups("lab.example"), "type " + type);
        }
        assertEquals(Kind.USER_PRINCIPAL_NAME, hint(1, "bob@lab.example").kind());
        assertEquals(Kind.SAM_ACCOUNT_NAME, hint(10, "bob").kind());
    }

    @Test
    void namesThatCannotNameAnAccountAreUnnameable() {
        assertEquals(Kind.UNNAMEABLE, hint(1, "krbtgt", "LAB.EXAMPLE").kind());
        assertEquals(Kind.UNNAMEABLE, hint(2, "admin", "admin").kind());
        assertEquals(Kind.UNNAMEABLE, hint(1, "host", "alice").kind());
        assertEquals(Kind.UNNAMEABLE, hint(10, "alice@").kind());
        assertEquals(Kind.UNNAMEABLE, hint(10, "@lab.example").kind());
        assertEquals(Kind.UNNAMEABLE, hint(1, "LAB\\").kind());
        assertEquals(Kind.UNNAMEABLE, hint(1, "").kind());
        assertEquals(Kind.UNNAMEABLE, hint(1, "bob", "").kind());
        assertEquals(Kind.UNNAMEABLE, hint(1, "al\0ice").kind());
        assertEquals(Kind.UNNAMEABLE, hint(1, "alice\nINFO forged").kind());
        assertEquals(Kind.UNNAMEABLE, hint(1, "a".repeat(1025)).kind());
        assertEquals(Kind.UNNAMEABLE, hint(1).kind());
        assertEquals(List.of(), hint(1, "krbtgt", "LAB.EXAMPLE").lookups("lab.example"));
    }

    @Test
    void printableEscapesControlCharactersAndCutsLongNames() {
        assertEquals("alice\\nINFO\\x1b[2K", hint(1, "alice\nINFO\u001b[2K").printable());
        assertEquals("a".repeat(128) + "...(4872 more chars)", hint(1, "a".repeat(5000)).printable());
    }
}
