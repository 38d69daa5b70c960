package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.support.keytab.KeytabFile;
import dev.pkinitkdc.kdc.support.keytab.KeytabKey;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import dev.pkinitkdc.pkinit.testing.ImpacketPac;
import dev.pkinitkdc.pkinit.testing.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service ticket's PAC (MS-PAC 2.8, MS-KILE 3.3.5.7): MIT kvno's host/ ticket carries alice's PAC signed again
 * for the service (server signature with the service key, ticket, full and KDC signatures with the krbtgt key), as
 * impacket checks it; a TGT whose PAC was changed under a valid seal is refused.
 */
class ServiceTicketPacTest extends LabPerClass {
    private static final String HOST_SERVICE = "host/localhost@" + LabKdc.REALM;

    @BeforeAll
    static void aliceHasATgt() throws Exception {
        ImpacketPac.require();
        LabUser alice = kdc.lab.user("alice");
        MitKinit.Result r = MitKinit.run(kdc.lab.krb5Conf(), dir, "alice",
                "FILE:" + alice.certificate() + "," + alice.privateKey(), "alice");
        assertEquals(0, r.exitCode(), r::toString);
    }

    @Test
    void mitKvnosHostTicketCarriesAlicesPacSignedForTheService() throws Exception {
        kvno(HOST_SERVICE);
        MitCcache.Credential host = MitCcache.read(MitKinit.ccache(dir, "alice")).stream()
                .filter(c -> c.server().equals(List.of("host", "localhost"))).findFirst().orElseThrow();
        EncryptedData sealed = host.ticket().getEncryptedEncPart();
        Enctype type = Enctypes.of(sealed);
        KeytabKey keytabKey = KeytabFile.read(kdc.lab.dir().resolve("keytabs/host.keytab")).stream()
                .filter(k -> k.keyType() == type.value()).findFirst().orElseThrow();
        EncryptionKey serviceKey = Enctypes.key(type, keytabKey.key());
        EncTicketPart part = KrbCodec.decode(Enctypes.decrypt(sealed, serviceKey, KeyUsage.KDC_REP_TICKET),
                EncTicketPart.class);
        byte[] pac = TicketPac.of(part.getAuthorizationData());
        // MS-PAC 2.8.3, done here by hand: the ticket signature covers the EncTicketPart with the PAC as one zero byte
        part.setAuthorizationData(TicketPac.holding(new byte[1]));
        byte[] ticketSigned = KrbCodec.encode(part);
        KrbtgtKeys.VersionedKey krbtgt = kdc.krbtgtKeys().ticketKey();
        Path work = Files.createDirectories(dir.resolve("impacket-service"));

        Map<String, String> f = ImpacketPac.decode(work, pac, serviceKey, krbtgt.key(), ticketSigned);

        int serviceCksum = type.profile().checksumType();
        int kdcCksum = Enctypes.of(krbtgt.key()).profile().checksumType();
        assertEquals("True " + serviceCksum, f.get("check.server"), "server signature, the host/ key");
        assertEquals("True " + kdcCksum, f.get("check.kdc"), "KDC signature, the krbtgt key");
        assertEquals("True " + kdcCksum, f.get("check.ticket"), "ticket signature, the krbtgt key");
        assertEquals("True " + kdcCksum, f.get("check.full"), "full PAC signature, the krbtgt key");
        assertEquals("alice", f.get("logon.EffectiveName"));
        assertEquals("alice", f.get("upn.SamName"));
    }

    /** A TGT sealed with the krbtgt key but whose PAC names another RID: its PAC signatures fail, 31. */
    @Test
    void aTgtWhosePacWasChangedIsRefusedWith31() throws Exception {
        MitCcache.Credential credential = MitCcache.tgt(MitKinit.ccache(dir, "alice"));
        KrbtgtKeys keys = kdc.krbtgtKeys();
        EncTicketPart part = IssuedTgt.open(credential.ticket(), keys);
        byte[] pac = TicketPac.of(part.getAuthorizationData());
        pac[pac.length / 3] ^= 1;   // somewhere in LOGON_INFO, before the signatures
        part.setAuthorizationData(TicketPac.holding(pac));
        KrbtgtKeys.VersionedKey key = keys.key(Enctypes.of(credential.ticket().getEncryptedEncPart()));
        EncryptedData sealed = Enctypes.encrypt(KrbCodec.encode(part), key.key(), KeyUsage.KDC_REP_TICKET);
        sealed.setKvno(key.kvno());
        Ticket forged = KrbCodec.decode(KrbCodec.encode(credential.ticket()), Ticket.class);
        forged.setEncryptedEncPart(sealed);
        EncryptionKey sessionKey = Enctypes.key(Enctype.fromValue(credential.keyType()).orElseThrow(),
                credential.key());
        KdcReqBody body = TgsRequests.body(LabKdc.REALM, List.of("host", "localhost"), 21);
        byte[] request = TgsRequests.encode(body, forged, TgsRequests.authenticator(LabKdc.REALM, "alice",
                sessionKey, body), sessionKey);
        try (AuditFile audit = new AuditFile(dir.resolve("lab"))) {
            KrbErrorOnTheWire error = KrbErrorOnTheWire.decode(OwnClient.tcp(kdc.lab, request));
            assertEquals(31, error.code(), error::toString);
            List<JsonNode> lines = audit.records();
            assertEquals(1, lines.size(), lines::toString);
            assertEquals(31, lines.get(0).path("error_code").asInt(), lines::toString);
            assertEquals("the TGT's PAC signatures do not verify", lines.get(0).path("error_text").asText(),
                    lines::toString);
        }
    }

    private static void kvno(String service) throws Exception {
        Path kvno = Path.of("/usr/bin/kvno");
        Prerequisites.require(Files.isExecutable(kvno), "MIT kvno is not installed (krb5-user)");
        ClientProcess.Output out = ClientProcess.run(List.of(kvno.toString(), service), Map.of("KRB5_CONFIG",
                kdc.lab.krb5Conf().toString(), "KRB5CCNAME", "FILE:" + MitKinit.ccache(dir, "alice")), "");
        assertEquals(0, out.exitCode(), out::text);
    }
}
