package dev.pkinitkdc.kdc.as;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.assembly.KdcRuntime;
import dev.pkinitkdc.kdc.support.DaemonThreads;
import dev.pkinitkdc.kdc.support.telemetry.AuditLog;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabRevocationServer;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.kdc.tool.lab.TestLabs;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.client.ClientIdentity;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The audit lines of real requests through the assembled lab pipeline, byte for byte: field names, nesting, order,
 * value formats and what is left out. Pinned on the string-keyed record before issue 17 replaced it by the typed
 * schema. What changes from run to run (certificates, the revocation server's port, times) is replaced by a
 * placeholder only where it has the exact value or format expected, so a change of format still fails.
 */
class AuditLinesTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);

    @TempDir
    static Path dir;
    static LabEnvironment lab;
    static LabRevocationServer revocation;
    static ExecutorService workers;
    static final List<AutoCloseable> resources = new ArrayList<>();
    static final Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS),
            ZoneOffset.UTC);

    @BeforeAll
    static void lab() throws Exception {
        lab = TestLabs.withFreeRevocationPort(dir);
        revocation = lab.startRevocationServer();
        workers = Executors.newFixedThreadPool(2, DaemonThreads.named("audit-lines-worker"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        workers.shutdownNow();
        revocation.close();
    }

    @Test
    void aLogonARevokedCardAWeakMappingAndEarlyRefusals() throws Exception {
        AsReqProcessor pipeline = pipeline("hard_fail");
        assertEquals(received("alice") + checked("alice", "good") + """
                "mapping":{"method":"san_upn","strong":true,\
                "account":"CN=alice,CN=Users,DC=lab,DC=example","sam_account_name":"alice"},\
                "kdf":"id-pkinit-kdf-sha256","ocsp_staple":"-","ticket":{"cname":"alice@LAB.EXAMPLE",\
                "endtime":"{seconds}","flags":"600000","enctype":"aes256-cts-hmac-sha1-96"},"result":"ok",\
                "latency_ms":0}""", line(pipeline, Transport.TCP, request("alice")));
        assertEquals(received("revoked") + checked("revoked", "revoked") + """
                "result":"refused","error_code":72,\
                "error_reason":"REVOKED_CERTIFICATE","error_text":"certificate CN=revoked serial {REVOKED.SERIAL} \
                revoked (keyCompromise) since {seconds} per OCSP http://127.0.0.1:{port}/ocsp",\
                "e_text":"certificate CN=revoked serial {REVOKED.SERIAL} revoked (keyCompromise) since {seconds} \
                per OCSP http://127.0.0.1:{port}/ocsp","refused_at":"revocation","latency_ms":0}""",
                line(pipeline, Transport.TCP, request("revoked")));
        assertEquals(received("weak") + checked("weak", "good") + """
                "mapping":{"steps":[{"kind":"hint",\
                "text":"hint name-type 1 weak@LAB.EXAMPLE is a SAM_ACCOUNT_NAME"},{"kind":"search",\
                "text":"looked up sAMAccountName=weak: CN=weak,CN=Users,DC=lab,DC=example (sAMAccountName weak,\
                 no userPrincipalName)"},{"kind":"method",\
                "text":"SAN UPN: found nothing (the certificate has no SAN UPN)"},{"kind":"method",\
                "text":"id-pkinit-san: found nothing (the certificate has no id-pkinit-san in realm LAB.EXAMPLE)"},\
                {"kind":"method","method":"alt_issuer_subject","strong":false,\
                "text":"found: altSecurityIdentities \\"X509:<I>O=LAB.EXAMPLE,\
                CN=Lab Issuing CA<S>CN=weak\\" of CN=weak,CN=Users,DC=lab,DC=example matches the certificate"},\
                {"kind":"method",\
                "text":"SAN dNSName: found nothing (the certificate has no dNSName in lab.example)"},\
                {"kind":"method","method":"alt_issuer_subject","strong":false,\
                "text":"first method to name the account wins: CN=weak,CN=Users,DC=lab,DC=example"},\
                {"kind":"strength",\
                "text":"only a weak mapping (ALT_ISSUER_SUBJECT) and enforcement is FULL: a strong mapping (<I><SR>,\
                 <SKI>, <SHA1-PUKEY>, <I><SID> or the SID extension) is required"},{"kind":"refused",\
                "text":"CERTIFICATE_MISMATCH: only a weak mapping (ALT_ISSUER_SUBJECT) and enforcement is FULL: a strong mapping (<I><SR>,\
                 <SKI>, <SHA1-PUKEY>, <I><SID> or the SID extension) is required"}]},"result":"refused",\
                "error_code":66,"error_reason":"CERTIFICATE_MISMATCH",\
                "error_text":"only a weak mapping (ALT_ISSUER_SUBJECT) and enforcement is FULL: a strong mapping (<I><SR>,\
                 <SKI>, <SHA1-PUKEY>, <I><SID> or the SID extension) is required",\
                "e_text":"only a weak mapping (ALT_ISSUER_SUBJECT) and enforcement is FULL: a strong mapping (<I><SR>,\
                 <SKI>, <SHA1-PUKEY>, <I><SID> or the SID extension) is required","refused_at":"map","latency_ms":0}""",
                line(pipeline, Transport.TCP, request("weak")));
        assertEquals("""
                {"time":"{millis}","client":"127.0.0.1","transport":"tcp","cname":"alice","realm":"LAB.EXAMPLE",\
                "enctype":"aes256-cts-hmac-sha1-96","padata":[150],"result":"refused","error_code":25,\
                "error_reason":"PREAUTH_REQUIRED","error_text":"PKINIT pre-authentication required",\
                "e_text":"PKINIT pre-authentication required","refused_at":"preauth","latency_ms":0}""",
                line(pipeline, Transport.TCP, client("alice").freshnessRequest(principal("alice"), lab.realm())));
        assertEquals("""
                {"time":"{millis}","client":"127.0.0.1","transport":"udp","result":"refused","error_code":60,\
                "error_reason":"MALFORMED_REQUEST","error_text":"not an AS-REQ","e_text":"not an AS-REQ",\
                "refused_at":"decode","latency_ms":0}""",
                line(pipeline, Transport.UDP, new byte[] {0x30, 0x00}));
        assertEquals("""
                {"time":"{millis}","client":"127.0.0.1","transport":"tcp","result":"refused","error_code":68,\
                "error_reason":"WRONG_REALM","error_text":"realm OTHER.EXAMPLE is not served here",\
                "e_text":"realm OTHER.EXAMPLE is not served here","refused_at":"decode","latency_ms":0}""",
                line(pipeline, Transport.TCP, client("alice").newAsReq(principal("alice"), "OTHER.EXAMPLE").encoded()));
    }

    /** With {@code mode = off} the revocation facts are there from receipt on: right after the transport. */
    @Test
    void revocationOffComesRightAfterTheTransport() throws Exception {
        String line = line(pipeline("off"), Transport.TCP, request("alice"));
        assertEquals("""
                {"time":"{millis}","client":"127.0.0.1","transport":"tcp","revocation":{"status":"off",\
                "decided_by":"mode=off"},"cname":"alice","realm":"LAB.EXAMPLE",""",
                line.substring(0, line.indexOf("\"enctype\"")), line);
        assertEquals("""
                "mapping":{"method":"san_upn","strong":true,"account":"CN=alice,CN=Users,DC=lab,DC=example",\
                "sam_account_name":"alice"},""", line.substring(line.indexOf("\"mapping\""),
                line.indexOf("\"kdf\"")), line);
    }

    /** The line up to the certificate: received over TCP, decoded (PA-PK-AS-REQ only). */
    private static String received(String user) {
        return """
                {"time":"{millis}","client":"127.0.0.1","transport":"tcp","cname":"USER","realm":"LAB.EXAMPLE",\
                "enctype":"aes256-cts-hmac-sha1-96","padata":[16],""".replace("USER", user);
    }

    /**
     * From the certificate to the end of the revocation facts: the user's certificate verified and validated, its
     * status from the lab's OCSP responder, the issuing CA's good from the root's CRL.
     */
    private static String checked(String user, String status) {
        return """
                "certificate":{"subject":"CN=USER",\
                "issuer":"CN=Lab Issuing CA,O=LAB.EXAMPLE","serial":"{USER.serial}","thumbprint_sha1":"{USER.sha1}",\
                "thumbprint_sha256":"{USER.sha256}"},"kx":"dh-modp14","freshness":"none",\
                "trust":[{"step":"path","result":"ok","anchor":"CN=Lab Root CA,O=LAB.EXAMPLE","path_length":2,\
                "issuers":["CN=Lab Issuing CA,O=LAB.EXAMPLE"]},{"step":"eku","result":"ok"},\
                {"step":"ntauth","result":"ok","issuing_ca":"{issuing.sha1}"}],\
                "revocation":{"status":"STATUS","decided_by":"ocsp","source":"ocsp",\
                "location":"http://127.0.0.1:{port}/ocsp","this_update":"{seconds}","next_update":"{seconds}",\
                "grace":false,"certificates":[{"subject":"CN=USER","serial":"{USER.serial}","status":"STATUS",\
                "source":"ocsp","location":"http://127.0.0.1:{port}/ocsp","this_update":"{seconds}",\
                "next_update":"{seconds}","grace":false},{"subject":"CN=Lab Issuing CA,O=LAB.EXAMPLE",\
                "serial":"{issuing.serial}","status":"good","source":"crl",\
                "location":"http://127.0.0.1:{port}/crl/root.crl","this_update":"{seconds}",\
                "next_update":"{seconds}","grace":false}]},""".replace("USER", user).replace("STATUS", status);
    }

    private static AsReqProcessor pipeline(String revocationMode) throws Exception {
        Path conf = lab.kdcConf().resolveSibling("kdc-" + revocationMode + ".conf");
        Files.writeString(conf, Files.readString(lab.kdcConf()).replaceFirst("(?m)^mode = hard_fail$",
                "mode = " + revocationMode));
        KdcConfig config = ConfigParser.parse(conf);
        return KdcRuntime.assemble(config, workers, clock, resources).asProcessor();
    }

    private static PrincipalName principal(String user) {
        return new PrincipalName(List.of(user), NameType.NT_PRINCIPAL);
    }

    private static PkinitClient client(String user) throws Exception {
        LabUser u = lab.user(user);
        return new PkinitClient(new ClientIdentity(PemFiles.privateKey(u.privateKey()),
                PemFiles.certificate(u.certificate()), List.of()),
                PemFiles.certificates(lab.layout().rootCertificate()), PkinitClientOptions.defaults(), clock,
                new SecureRandom());
    }

    private static byte[] request(String user) throws Exception {
        return client(user).newAsReq(principal(user), lab.realm()).encoded();
    }

    /** The one audit line the request leaves, with what varies by run replaced by placeholders. */
    private static String line(AsReqProcessor pipeline, Transport transport, byte[] request) throws Exception {
        Logger audit = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        audit.addAppender(lines);
        try {
            pipeline.handle(PEER, transport, request).join();
        } finally {
            audit.detachAppender(lines);
        }
        assertEquals(1, lines.list.size(), () -> "one audit line: " + lines.list);
        return placeholders(lines.list.get(0).getFormattedMessage());
    }

    private static String placeholders(String line) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        for (String user : List.of("alice", "revoked", "weak")) {
            certificate(values, user, PemFiles.certificate(lab.user(user).certificate()));
        }
        certificate(values, "issuing", PemFiles.certificate(lab.layout().issuingCertificate()));
        String out = line;
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace(e.getValue(), "{" + e.getKey() + "}");
        }
        return out.replaceAll("127\\.0\\.0\\.1:\\d+/", "127.0.0.1:{port}/")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z", "{millis}")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "{seconds}");
    }

    /** serial in lower-case hex (and upper-case, as refusal texts print it), thumbprints as certutil shows them. */
    private static void certificate(Map<String, String> values, String name, X509Certificate cert) throws Exception {
        values.put(name + ".sha256", hex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())));
        values.put(name + ".sha1", hex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded())));
        values.put(name + ".serial", cert.getSerialNumber().toString(16));
        values.put(name.toUpperCase() + ".SERIAL", cert.getSerialNumber().toString(16).toUpperCase());
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }
}
