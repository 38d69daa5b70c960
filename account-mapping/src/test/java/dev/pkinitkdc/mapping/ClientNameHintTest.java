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
    void noHint() {
        assertEquals(Kind.NONE, hint(6, "CN=alice,DC=lab").kind());
        assertEquals(List.of(), hint(6, "CN=alice,DC=lab").lookups("lab.example"));
        assertEquals(Kind.NONE, hint(1, "host", "alice").kind());
        assertEquals(Kind.NONE, hint(10, "alice").kind());
        assertEquals(Kind.NONE, hint(10, "alice@").kind());
        assertEquals(Kind.NONE, hint(1, "LAB\\").kind());
        assertEquals(Kind.NONE, hint(1, "").kind());
        assertEquals(List.of(), ClientNameHint.none("LAB.EXAMPLE").lookups("lab.example"));
    }
}
