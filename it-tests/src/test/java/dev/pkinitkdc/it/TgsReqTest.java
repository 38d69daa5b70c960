package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.support.keytab.KeytabFile;
import dev.pkinitkdc.kdc.support.keytab.KeytabKey;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import dev.pkinitkdc.pkinit.testing.Prerequisites;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.ap.Authenticator;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.KrbMessage;
import org.apache.kerby.kerberos.kerb.type.base.KrbMessageType;
import org.apache.kerby.kerberos.kerb.type.kdc.EncTgsRepPart;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.apache.kerby.kerberos.kerb.type.kdc.TgsRep;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 18's TGS-REQ: the real MIT kvno gets a service ticket for the lab's host/localhost with a TGT from PKINIT,
 * and the ticket decrypts with the lab's keytab; then the requests an attacker would send, each answered with its
 * KRB-ERROR on the wire and one audit line.
 */
class TgsReqTest extends LabPerClass {
    private static final String HOST_SERVICE = "host/localhost@" + LabKdc.REALM;
    private static EncryptionKey sessionKey;
    private static Ticket tgt;

    @BeforeAll
    static void aliceHasATgt() throws Exception {
        LabUser alice = kdc.lab.user("alice");
        MitKinit.Result r = MitKinit.run(kdc.lab.krb5Conf(), dir, "alice",
                "FILE:" + alice.certificate() + "," + alice.privateKey(), "alice");
        assertEquals(0, r.exitCode(), r::toString);
        MitCcache.Credential credential = MitCcache.tgt(MitKinit.ccache(dir, "alice"));
        sessionKey = Enctypes.key(Enctype.fromValue(credential.keyType()).orElseThrow(), credential.key());
        tgt = credential.ticket();
    }

    private static String kvno(String... args) throws Exception {
        Path kvno = Path.of("/usr/bin/kvno");
        Prerequisites.require(Files.isExecutable(kvno), "MIT kvno is not installed (krb5-user)");
        List<String> command = new java.util.ArrayList<>(List.of(kvno.toString()));
        command.addAll(List.of(args));
        ClientProcess.Output out = ClientProcess.run(command, Map.of("KRB5_CONFIG", kdc.lab.krb5Conf().toString(),
                "KRB5CCNAME", "FILE:" + MitKinit.ccache(dir, "alice")), "");
        assertEquals(0, out.exitCode(), out::text);
        return out.text();
    }

    /** The lab folder's layout is a contract: the keytabs are at DIR/keytabs/host.keytab and DIR/keytabs/HTTP.keytab. */
    @Test
    void mitKvnoGetsAHostTicketThatTheLabKeytabDecrypts() throws Exception {
        String plain;
        try (AuditFile audit = new AuditFile(dir.resolve("lab"))) {
            plain = kvno(HOST_SERVICE);
            JsonNode line = audit.records().get(0);
            assertEquals("ok", line.path("result").asText(), line::toString);
            // MIT sends an authenticator subkey too (krb5's TGS requests always do)
            assertTrue(line.path("tgs").path("subkey").asBoolean(), line::toString);
        }
        assertTrue(plain.contains(HOST_SERVICE + ": kvno = 1"), plain);
        String checked = kvno("-k", kdc.lab.dir().resolve("keytabs/host.keytab").toString(), HOST_SERVICE);
        assertTrue(checked.contains("keytab entry valid"), checked);
        String http = kvno("-k", kdc.lab.dir().resolve("keytabs/HTTP.keytab").toString(), "HTTP/localhost@" + LabKdc.REALM);
        assertTrue(http.contains("keytab entry valid"), http);
        String klist = MitKinit.klist(MitKinit.ccache(dir, "alice"));
        assertTrue(klist.contains(HOST_SERVICE), klist);
    }

    /** Heimdal's kgetcred (7.8) asks for the same ticket with a TGT from Heimdal's own PKINIT kinit. */
    @Test
    void heimdalKgetcredGetsAHostTicket() throws Exception {
        LabUser alice = kdc.lab.user("alice");
        String conf = HeimdalKinit.conf(kdc, "pkinit_dh_min_bits = 1024");
        HeimdalKinit.Result r = HeimdalKinit.run(conf, dir, "alice", "-C",
                "FILE:" + alice.certificate() + "," + alice.privateKey(), "alice");
        assertEquals(0, r.exitCode(), r::toString);
        Path krb5Conf = dir.resolve("heimdal-krb5-alice.conf");
        Map<String, String> env = Map.of("KRB5_CONFIG", krb5Conf.toString(),
                "KRB5CCNAME", "FILE:" + HeimdalKinit.ccache(dir, "alice"));
        Path bin = HeimdalKinit.binary().getParent();
        try (AuditFile audit = new AuditFile(dir.resolve("lab"))) {
            ClientProcess.Output got = ClientProcess.run(List.of(bin.resolve("kgetcred").toString(), HOST_SERVICE),
                    env, "");
            assertEquals(0, got.exitCode(), got::text);
            JsonNode line = audit.records().get(0);
            assertEquals("ok", line.path("result").asText(), line::toString);
            // Heimdal sends an authenticator subkey: the reply went under it (key usage 9) and Heimdal read it
            assertTrue(line.path("tgs").path("subkey").asBoolean(), line::toString);
        }
        // the ticket Heimdal stored opens with the lab's host keytab and names alice
        MitCcache.Credential host = MitCcache.read(HeimdalKinit.ccache(dir, "alice")).stream()
                .filter(c -> c.server().equals(List.of("host", "localhost"))).findFirst().orElseThrow();
        EncryptedData sealed = host.ticket().getEncryptedEncPart();
        Enctype type = Enctypes.of(sealed);
        KeytabKey key = KeytabFile.read(kdc.lab.dir().resolve("keytabs/host.keytab")).stream()
                .filter(k -> k.keyType() == type.value()).findFirst().orElseThrow();
        EncTicketPart part = KrbCodec.decode(Enctypes.decrypt(sealed, Enctypes.key(type, key.key()),
                KeyUsage.KDC_REP_TICKET), EncTicketPart.class);
        assertEquals(List.of("alice"), part.getCname().getNameStrings());
        assertEquals(LabKdc.REALM, part.getCrealm());
        assertArrayEquals(host.key(), part.getKey().getKeyData(), "the session key Heimdal holds is the ticket's");
    }

    private static byte[] send(byte[] request) throws Exception {
        return OwnClient.tcp(kdc.lab, request);
    }

    private static byte[] request(List<String> service, Ticket ticket, int nonce) throws Exception {
        KdcReqBody body = TgsRequests.body(LabKdc.REALM, service, nonce);
        Authenticator a = TgsRequests.authenticator(LabKdc.REALM, "alice", sessionKey, body);
        return TgsRequests.encode(body, ticket, a, sessionKey);
    }

    /** The refusal on the wire and the one audit line this request left. */
    private static JsonNode refused(byte[] request, int code, String refusedAt) throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("lab"))) {
            KrbErrorOnTheWire error = KrbErrorOnTheWire.decode(send(request));
            assertEquals(code, error.code(), error::toString);
            List<JsonNode> lines = audit.records();
            assertEquals(1, lines.size(), lines::toString);
            JsonNode line = lines.get(0);
            assertEquals(code, line.path("error_code").asInt(), line::toString);
            assertEquals(refusedAt, line.path("refused_at").asText(), line::toString);
            return line;
        }
    }

    @Test
    void ourOwnRequestForHostGetsATgsRep() throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("lab"))) {
            byte[] reply = send(request(List.of("host", "localhost"), tgt, 11));
            KrbMessage message = KrbCodec.decodeMessage(ByteBuffer.wrap(reply));
            assertEquals(KrbMessageType.TGS_REP, message.getMsgType());
            // no subkey in our authenticator: the enc-part is under the TGT session key, key usage 8
            TgsRep rep = (TgsRep) message;
            EncTgsRepPart part = KrbCodec.decode(Enctypes.decrypt(rep.getEncryptedEncPart(), sessionKey,
                    KeyUsage.TGS_REP_ENCPART_SESSKEY), EncTgsRepPart.class);
            assertEquals(11, part.getNonce());
            assertEquals(List.of("host", "localhost"), part.getSname().getNameStrings());
            assertEquals(List.of("alice"), rep.getCname().getNameStrings());
            JsonNode line = audit.records().get(0);
            assertEquals("ok", line.path("result").asText(), line::toString);
            assertEquals("host/localhost@" + LabKdc.REALM, line.path("tgs").path("service").asText(), line::toString);
            assertEquals("alice@" + LabKdc.REALM, line.path("tgs").path("cname").asText(), line::toString);
        }
    }

    @Test
    void anUnknownServiceIsRefusedWith7() throws Exception {
        refused(request(List.of("cifs", "nowhere"), tgt, 12), 7, "tgs_service");
    }

    @Test
    void aBodyChangedAfterTheChecksumIsRefusedWith41() throws Exception {
        KdcReqBody signed = TgsRequests.body(LabKdc.REALM, List.of("host", "localhost"), 13);
        Authenticator a = TgsRequests.authenticator(LabKdc.REALM, "alice", sessionKey, signed);
        KdcReqBody changed = TgsRequests.body(LabKdc.REALM, List.of("HTTP", "localhost"), 13);
        refused(TgsRequests.encode(changed, tgt, a, sessionKey), 41, "tgs_authenticate");
    }

    @Test
    void anAuthenticatorNamingAnotherClientIsRefusedWith36() throws Exception {
        KdcReqBody body = TgsRequests.body(LabKdc.REALM, List.of("host", "localhost"), 18);
        Authenticator a = TgsRequests.authenticator(LabKdc.REALM, "bob", sessionKey, body);
        refused(TgsRequests.encode(body, tgt, a, sessionKey), 36, "tgs_authenticate");
    }

    @Test
    void anAuthenticatorWithoutAChecksumIsRefusedWith50() throws Exception {
        KdcReqBody body = TgsRequests.body(LabKdc.REALM, List.of("host", "localhost"), 19);
        Authenticator a = TgsRequests.authenticator(LabKdc.REALM, "alice", sessionKey, body);
        a.setCksum(null);
        refused(TgsRequests.encode(body, tgt, a, sessionKey), 50, "tgs_authenticate");
    }

    @Test
    void aReplayedAuthenticatorIsRefusedWith34() throws Exception {
        KdcReqBody body = TgsRequests.body(LabKdc.REALM, List.of("host", "localhost"), 14);
        Authenticator a = TgsRequests.authenticator(LabKdc.REALM, "alice", sessionKey, body);
        EncryptedData sealed = Enctypes.encrypt(KrbCodec.encode(a), sessionKey, KeyUsage.TGS_REQ_AUTH);
        byte[] first = TgsRequests.encode(body, tgt, sealed);
        KrbMessage reply = KrbCodec.decodeMessage(ByteBuffer.wrap(send(first)));
        assertEquals(KrbMessageType.TGS_REP, reply.getMsgType());
        // the same authenticator (same ciphertext) in a request whose bytes differ, past the lookaside cache
        refused(TgsRequests.encode(body, tgt, sealed, TgsRequests.pacRequest()), 34, "tgs_authenticate");
    }

    @Test
    void aTamperedTgtIsRefusedWith31() throws Exception {
        Ticket tampered = KrbCodec.decode(KrbCodec.encode(tgt), Ticket.class);
        byte[] cipher = tampered.getEncryptedEncPart().getCipher().clone();
        cipher[cipher.length / 2] ^= 1;
        tampered.getEncryptedEncPart().setCipher(cipher);
        refused(request(List.of("host", "localhost"), tampered, 15), 31, "tgs_authenticate");
    }

    @Test
    void aTgtOfAnUnknownKvnoIsRefusedWith44() throws Exception {
        Ticket other = KrbCodec.decode(KrbCodec.encode(tgt), Ticket.class);
        other.getEncryptedEncPart().setKvno(99);
        refused(request(List.of("host", "localhost"), other, 16), 44, "tgs_authenticate");
    }

    @Test
    void anExpiredTgtIsRefusedWith32() throws Exception {
        KrbtgtKeys keys = kdc.krbtgtKeys();
        EncTicketPart part = IssuedTgt.open(tgt, keys);
        long hourAgo = System.currentTimeMillis() / 1000 * 1000 - 3_600_000L;
        part.setStartTime(new KerberosTime(hourAgo - 3_600_000L));
        part.setEndTime(new KerberosTime(hourAgo));
        KrbtgtKeys.VersionedKey key = keys.ticketKey();
        EncryptedData sealed = Enctypes.encrypt(KrbCodec.encode(part), key.key(), KeyUsage.KDC_REP_TICKET);
        sealed.setKvno(key.kvno());
        Ticket expired = KrbCodec.decode(KrbCodec.encode(tgt), Ticket.class);
        expired.setEncryptedEncPart(sealed);
        refused(request(List.of("host", "localhost"), expired, 17), 32, "tgs_authenticate");
    }
}
