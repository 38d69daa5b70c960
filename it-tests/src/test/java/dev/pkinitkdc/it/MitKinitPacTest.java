package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.tool.lab.DirectorySeed;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import dev.pkinitkdc.pkinit.pac.FileTime;
import dev.pkinitkdc.pkinit.testing.ImpacketPac;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TGT the real MIT kinit gets from the lab carries a PAC (MS-PAC) for the account the certificate proved, read
 * by impacket and its signatures checked by impacket's crypto with the lab's krbtgt key.
 */
class MitKinitPacTest extends LabPerClass {
    @BeforeAll
    static void impacketPresent() throws Exception {
        ImpacketPac.require();
    }

    /** MIT kinit (1.17 and later) asks for a freshness token and signs it (RFC 8070): S-1-18-3. */
    @Test
    void aliceTgtCarriesAPacImpacketReadsAndWhoseSignaturesVerify() throws Exception {
        Map<String, String> f = pacOfKinit("pac-alice");
        assertEquals("S-1-18-3/7", f.get("logon.ExtraSids"), "fresh public key identity");
    }

    /** Without the freshness token, the PKINIT logon asserts S-1-18-1 (MS-KILE 3.3.5.7.4). */
    @Test
    void withoutAFreshnessTokenThePacAssertsTheAuthenticationAuthorityIdentity() throws Exception {
        Map<String, String> f = pacOfKinit("pac-alice-stale", "-X", "disable_freshness=yes");
        assertEquals("S-1-18-1/7", f.get("logon.ExtraSids"), "authentication authority asserted identity");
    }

    /** kinit alice, then the PAC of her TGT as impacket reads it, with what holds for every PAC checked. */
    private Map<String, String> pacOfKinit(String label, String... options) throws Exception {
        LabUser alice = kdc.lab.user("alice");
        List<String> args = new ArrayList<>(List.of(options));
        args.add("alice");
        MitKinit.Result r = MitKinit.run(kdc.lab.krb5Conf(), dir, label,
                "FILE:" + alice.certificate() + "," + alice.privateKey(), args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r::toString);
        IssuedTgt tgt = IssuedTgt.read(MitKinit.ccache(dir, label), kdc.krbtgtKeys());
        EncTicketPart ticket = tgt.ticket();
        byte[] pac = TicketPac.of(ticket.getAuthorizationData());
        KrbtgtKeys.VersionedKey key = kdc.krbtgtKeys().key(tgt.ticketEnctype());
        String domainSid = DirectorySeed.domainSid(kdc.lab.layout().directoryLdif(), LabKdc.REALM).orElseThrow();
        Path work = Files.createDirectories(dir.resolve("impacket-" + label));

        Map<String, String> f = ImpacketPac.decode(work, pac, key.key(), key.key(), null);

        assertEquals("True " + checksumType(key), f.get("check.server"), "server signature, krbtgt key");
        assertEquals("True " + checksumType(key), f.get("check.kdc"), "KDC signature, krbtgt key");
        assertEquals("alice", f.get("logon.EffectiveName"));
        assertEquals(domainSid, f.get("logon.LogonDomainId"));
        String userSid = domainSid + "-" + f.get("logon.UserId");
        assertEquals(userSid, f.get("upn.Sid"), "UPN_DNS_INFO's SID is LOGON_INFO's domain SID + RID");
        assertEquals(userSid, f.get("requestor"));
        assertEquals("alice", f.get("upn.SamName"));
        assertEquals("alice", f.get("client.Name"), "the ticket's cname without the realm");
        long authTime = FileTime.of(Instant.ofEpochMilli(ticket.getAuthTime().getTime()));
        assertEquals(String.valueOf(authTime), f.get("client.ClientId"), "the ticket's authtime");
        return f;
    }

    private static int checksumType(KrbtgtKeys.VersionedKey key) throws Exception {
        return Enctypes.of(key.key()).profile().checksumType();
    }
}
