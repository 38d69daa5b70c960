package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.junit.jupiter.api.Test;

/**
 * The attacker with a valid card: alice's certificate asks for other accounts' tickets in every name form a client
 * can send. The ticket must name alice or nothing (issue 16, part 1); each of these gave a TGT for the requested
 * name before.
 */
class ImpersonationTest extends LabPerClass {
    private static final int C_PRINCIPAL_UNKNOWN = 6;
    private static final int CLIENT_NAME_MISMATCH = 75;

    private static String alice() {
        LabUser u = kdc.lab.user("alice");
        return "FILE:" + u.certificate() + "," + u.privateKey();
    }

    private static MitKinit.Result kinit(String label, String... args) throws Exception {
        return MitKinit.run(kdc.lab.krb5Conf(), dir, label, alice(), args);
    }

    private static void assertRefused(int code, MitKinit.Result r) {
        assertNotEquals(0, r.exitCode(), r::toString);
        assertTrue(r.kdcErrors().contains(code), r::toString);
    }

    private static AsExchangeResult ownClient(PrincipalName cname) throws Exception {
        LabUser u = kdc.lab.user("alice");
        return OwnClient.logon(kdc.lab, u.certificate(), u.privateKey(), cname, PkinitClientOptions.defaults(), false);
    }

    private static int refusal(PrincipalName cname) throws Exception {
        AsExchangeResult r = ownClient(cname);
        return assertInstanceOf(AsExchangeResult.Error.class, r, () -> cname.getName() + ": " + r).errorCode();
    }

    @Test
    void mitKinitWithAlicesCardAsBobIsRefused() throws Exception {
        assertRefused(CLIENT_NAME_MISMATCH, kinit("as-bob-enterprise", "-E", "bob"));
        assertRefused(CLIENT_NAME_MISMATCH, kinit("as-bob-enterprise-upn", "-E", "bob@lab.example"));
        assertRefused(CLIENT_NAME_MISMATCH, kinit("as-bob", "bob"));
        assertRefused(CLIENT_NAME_MISMATCH, kinit("as-bob-canon", "-C", "bob"));
    }

    @Test
    void mitKinitWithAlicesCardAsAServiceOrAdminIsRefused() throws Exception {
        assertRefused(C_PRINCIPAL_UNKNOWN, kinit("as-krbtgt", "krbtgt/" + LabKdc.REALM));
        assertRefused(C_PRINCIPAL_UNKNOWN, kinit("as-admin", "admin/admin"));
        assertRefused(C_PRINCIPAL_UNKNOWN, kinit("as-host", "-C", "host/kdc.lab.example"));
    }

    /** Another spelling of her own name: with canonicalize the ticket names the account; without, MIT's rule. */
    @Test
    void anotherSpellingOfHerOwnNameGetsTheAccountsNameOrIsRefused() throws Exception {
        MitKinit.Result canon = kinit("upper-canon", "-C", "ALICE");
        assertEquals(0, canon.exitCode(), canon::toString);
        assertEquals(List.of("alice"), IssuedTgt.read(MitKinit.ccache(dir, "upper-canon"), kdc.krbtgtKeys()).ticket()
                .getCname().getNameStrings());
        assertRefused(C_PRINCIPAL_UNKNOWN, kinit("upper", "ALICE"));
    }

    @Test
    void everyNameTypeNamingBobIsRefused() throws Exception {
        for (NameType type : List.of(NameType.NT_UNKNOWN, NameType.NT_PRINCIPAL, NameType.NT_SRV_INST,
                NameType.NT_SRV_HST, NameType.NT_ENTERPRISE, NameType.NT_SMTP_NAME)) {
            assertEquals(CLIENT_NAME_MISMATCH, refusal(new PrincipalName(List.of("bob"), type)), type.name());
            assertEquals(CLIENT_NAME_MISMATCH, refusal(new PrincipalName(List.of("LAB\\BOB"), type)), type.name());
        }
        assertEquals(C_PRINCIPAL_UNKNOWN, refusal(new PrincipalName(List.of("krbtgt", LabKdc.REALM),
                NameType.NT_SRV_INST)));
        assertEquals(C_PRINCIPAL_UNKNOWN, refusal(new PrincipalName(List.of("bob", "admin"), NameType.NT_PRINCIPAL)));
    }

    /** Empty components, NUL, control characters and over-long names: a clean KRB-ERROR, and the KDC still serves. */
    @Test
    void malformedNamesGetACleanErrorAndTheKdcKeepsServing() throws Exception {
        for (List<String> name : List.of(List.of(""), List.of("alice", ""), List.of("al\0ice"),
                List.of("alice\nINFO forged line"), List.of("a".repeat(60_000)))) {
            assertEquals(C_PRINCIPAL_UNKNOWN, refusal(new PrincipalName(name, NameType.NT_PRINCIPAL)));
        }
        AsExchangeResult.Success ok = assertInstanceOf(AsExchangeResult.Success.class,
                ownClient(new PrincipalName(List.of("alice"), NameType.NT_PRINCIPAL)));
        assertEquals(List.of("alice"), IssuedTgt.open(ok.ticket(), kdc.krbtgtKeys()).getCname().getNameStrings());
    }

    /** NT-X500-PRINCIPAL means "map my certificate" (MS-PKCA 3.1.5.2.1): the ticket names the mapped account. */
    @Test
    void anX500NameMapsTheCertificateAndTheTicketNamesTheAccount() throws Exception {
        AsExchangeResult r = ownClient(new PrincipalName(List.of("CN=bob,CN=Users,DC=lab,DC=example"),
                NameType.NT_X500_PRINCIPAL));
        AsExchangeResult.Success ok = assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
        EncTicketPart ticket = IssuedTgt.open(ok.ticket(), kdc.krbtgtKeys());
        assertEquals(List.of("alice"), ticket.getCname().getNameStrings());
        assertEquals(LabKdc.REALM, ticket.getCrealm());
    }
}
