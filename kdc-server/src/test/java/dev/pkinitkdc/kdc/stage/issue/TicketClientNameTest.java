package dev.pkinitkdc.kdc.stage.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.mapping.AccountMapping;
import dev.pkinitkdc.mapping.MappingTrace;
import dev.pkinitkdc.mapping.account.AccountState;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.method.MappingMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOption;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOptions;
import org.junit.jupiter.api.Test;

/** The ticket names the account the certificate proved, whatever name the request carried (RFC 6806 5). */
class TicketClientNameTest {
    private static final String REALM = "LAB.EXAMPLE";
    private static final AccountMapping ALICE = mapping("alice");

    /** An account found by its SAN UPN, for tests of the issue stage. */
    static AccountMapping mapping(String sam) {
        DirectoryAccount account = new DirectoryAccount("CN=" + sam + ",DC=lab", sam,
                Optional.of(sam + "@lab.example"), Map.of());
        return new AccountMapping(account, MappingMethod.SAN_UPN, true,
                new AccountState(false, false, false, false, Optional.empty(), List.of()), new MappingTrace(List.of()));
    }

    private static PrincipalName name(NameType type, String... components) {
        return new PrincipalName(List.of(components), type);
    }

    private static KdcOptions options(KdcOption... set) {
        KdcOptions o = new KdcOptions();
        for (KdcOption option : set) {
            o.setFlag(option);
        }
        return o;
    }

    @Test
    void theAccountsNameWhateverWasAskedWithCanonicalize() throws KdcFailure {
        for (PrincipalName asked : List.of(name(NameType.NT_PRINCIPAL, "ALICE"),
                name(NameType.NT_PRINCIPAL, "LAB\\alice"), name(NameType.NT_ENTERPRISE, "alice@lab.example"),
                name(NameType.NT_X500_PRINCIPAL, "CN=alice"))) {
            PrincipalName issued = TicketClientName.of(asked, options(KdcOption.CANONICALIZE), ALICE, REALM);
            assertEquals(List.of("alice"), issued.getNameStrings());
            assertEquals(NameType.NT_PRINCIPAL, issued.getNameType());
            assertEquals(REALM, issued.getRealm());
        }
    }

    @Test
    void enterpriseAndX500MayBeRenamedWithoutCanonicalizeAsMitClientsAllow() throws KdcFailure {
        assertEquals(List.of("alice"), TicketClientName.of(name(NameType.NT_ENTERPRISE, "alice@lab.example"),
                options(), ALICE, REALM).getNameStrings());
        assertEquals(List.of("alice"), TicketClientName.of(name(NameType.NT_X500_PRINCIPAL, "CN=alice,DC=lab"),
                null, ALICE, REALM).getNameStrings());
        assertEquals(List.of("alice"), TicketClientName.of(name(NameType.NT_PRINCIPAL, "alice"), options(), ALICE,
                REALM).getNameStrings());
    }

    /** Without canonicalize a client checks the reply names what it asked for: another spelling is refused. */
    @Test
    void anotherNameWithoutCanonicalizeIsRefusedNotEchoed() {
        for (PrincipalName asked : List.of(name(NameType.NT_PRINCIPAL, "ALICE"), name(NameType.NT_UNKNOWN, "bob"),
                name(NameType.NT_SRV_INST, "krbtgt", REALM), name(NameType.NT_PRINCIPAL, "LAB\\alice"))) {
            KdcFailure f = assertThrows(KdcFailure.class, () -> TicketClientName.of(asked, options(), ALICE, REALM));
            assertEquals(FailureReason.CLIENT_UNKNOWN, f.reason());
        }
    }
}
