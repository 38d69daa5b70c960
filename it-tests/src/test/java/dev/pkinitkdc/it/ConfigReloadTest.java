package dev.pkinitkdc.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.assembly.ConfigReload;
import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.support.identity.KdcCertificateCheck;
import dev.pkinitkdc.kdc.tool.lab.KrbtgtKeytab;
import dev.pkinitkdc.kdc.tool.labpki.LabLayout;
import dev.pkinitkdc.kdc.tool.labpki.LabOids;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.kdc.tool.labpki.PemFileWriter;
import dev.pkinitkdc.kdc.tool.ntauth.NtAuthCommand;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: each kind of live change (anchors, intermediates pool, NTAuth files and directory object, CRL mirror,
 * mapping policy, revocation policy, the KDC certificate named in kdc.conf, a krbtgt key rotation, a broken edit) is
 * applied without a restart, by file watching or SIGHUP, while alice logs on in a loop and none of her requests
 * fails. Every test runs its own KDC on one lab PKI.
 */
class ConfigReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static LabLayout layout;

    @BeforeAll
    static void makeLabPki() throws Exception {
        LabKdc.start(dir.resolve("lab")).close();   // the PKI and accounts every test's KDC shares
        layout = new LabLayout(dir.resolve("lab"));
    }

    private LabKdc start(UnaryOperator<String> confEdit) throws Exception {
        return LabKdc.start(dir.resolve("lab"), "", conf -> confEdit.apply(
                ConfigEdits.set(conf, "kdc", "reload_interval", "1s")));
    }

    private static Path labFile(LabKdc kdc, String name) {
        return kdc.lab.dir().resolve(name);
    }

    /** Edits the running KDC's kdc.conf. */
    private static void editConf(LabKdc kdc, UnaryOperator<String> edit) throws Exception {
        ConfigEdits.replace(kdc.conf, edit.apply(Files.readString(kdc.conf)));
    }

    /** A smart card logon certificate naming alice (UPN and SID), as issued by {@code ca}. */
    private static CertifiedKey aliceFrom(LabKdc kdc, CertifiedKey ca) throws Exception {
        return LabCertificates.alice(LabCertificates.aliceSid(kdc))
                .extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON, KeyPurposeId.id_kp_clientAuth).issuedBy(ca);
    }

    private static CertifiedKey newRootCa(String name) {
        return CertificateBuilder.withNewKey("CN=" + name + ",O=RELOAD.TEST").ca(null).selfSigned();
    }

    private static Callable<AsExchangeResult> logon(LabKdc kdc, String name, CertifiedKey key) throws Exception {
        Path cert = dir.resolve(name + ".pem");
        Path pk = dir.resolve(name + ".key");
        PemFileWriter.writeCertifiedKey(cert, pk, key);
        return () -> OwnClient.logon(kdc.lab, cert, pk, OwnClient.principal("alice"), PkinitClientOptions.defaults(),
                false);
    }

    private static Callable<AsExchangeResult> labUser(LabKdc kdc, String user) {
        return () -> OwnClient.logon(kdc.lab, user, user, PkinitClientOptions.defaults(), false);
    }

    private static void assertRefused(int code, Callable<AsExchangeResult> logon) throws Exception {
        AsExchangeResult r = logon.call();
        assertEquals(code, assertInstanceOf(AsExchangeResult.Error.class, r, r::toString).errorCode(), r::toString);
    }

    private static void awaitLogon(Callable<AsExchangeResult> logon) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> logon.call() instanceof AsExchangeResult.Success);
    }

    private static void awaitRefused(int code, Callable<AsExchangeResult> logon) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> logon.call() instanceof AsExchangeResult.Error e && e.errorCode() == code);
    }

    /** Runs {@code change} with alice logging on in a loop, before and after; none of her requests may fail. */
    private static void whileAliceLogsOn(LabKdc kdc, Callable<?> change) throws Exception {
        ClientLoop loop = ClientLoop.alice(kdc);
        try (loop) {
            await().atMost(WAIT).until(() -> loop.requests.get() >= 3);
            change.call();
            int after = loop.requests.get();
            await().atMost(WAIT).until(() -> loop.requests.get() >= after + 3);
        }
        assertEquals(List.of(), loop.failures, "alice's requests that failed across the reload");
    }

    private static void awaitLog(LogCapture log, String text) {
        await().atMost(WAIT).until(() -> log.contains(text));
    }

    @Test
    void aCaAddedToTheAnchorsFileLetsItsUsersLogOn() throws Exception {
        CertifiedKey root = newRootCa("Anchor Test CA");
        Path anchors = dir.resolve("anchors.pem");
        Path ntauth = Files.createDirectories(dir.resolve("ntauth-anchors"));
        Files.copy(layout.rootCertificate(), anchors);
        Files.copy(layout.issuingCertificate(), ntauth.resolve("issuing.pem"));
        PemFileWriter.writeCertificates(ntauth.resolve("anchor-test.pem"), List.of(root.certificate()));
        try (LogCapture log = new LogCapture(ConfigReload.class);
             LabKdc kdc = start(conf -> ConfigEdits.set(ConfigEdits.set(ConfigEdits.set(ConfigEdits.set(conf,
                     "trust", "anchors", anchors.toString()),
                     "ntauth", "source", "files"), "ntauth", "files", ntauth.toString()),
                     "revocation", "mode", "off"))) {
            Callable<AsExchangeResult> newCaUser = logon(kdc, "anchor-test-user", aliceFrom(kdc, root));
            assertRefused(70, newCaUser);
            whileAliceLogsOn(kdc, () -> {
                PemFileWriter.writeCertificates(anchors, List.of(PemFiles.certificate(layout.rootCertificate()),
                        root.certificate()));
                awaitLogon(newCaUser);
                return null;
            });
            assertTrue(log.contains("[trust] anchors (file changed)"), log.lines().toString());
        }
    }

    @Test
    void anIntermediateAddedToThePoolOnSighupBuildsThePath() throws Exception {
        LabPki pki = LabPki.load(layout);
        CertifiedKey intermediate = CertificateBuilder.withNewKey("CN=Pool Test CA,O=RELOAD.TEST").ca(0)
                .issuedBy(pki.root());
        // OwnClient sends its certificate alone: only the pool supplies the issuers (alice's is the lab issuing CA)
        Path pool = dir.resolve("pool.pem");
        PemFileWriter.writeCertificates(pool, List.of(pki.issuing().certificate()));
        Path ntauth = Files.createDirectories(dir.resolve("ntauth-pool"));
        PemFileWriter.writeCertificates(ntauth.resolve("cas.pem"), List.of(pki.issuing().certificate(),
                intermediate.certificate()));
        try (LogCapture log = new LogCapture(ConfigReload.class);
             LabKdc kdc = start(conf -> ConfigEdits.set(ConfigEdits.set(ConfigEdits.set(ConfigEdits.set(
                     ConfigEdits.set(conf, "kdc", "reload_interval", "0"), "trust", "intermediates", pool.toString()),
                     "ntauth", "source", "files"), "ntauth", "files", ntauth.toString()),
                     "revocation", "mode", "off"))) {
            Callable<AsExchangeResult> user = logon(kdc, "pool-user", aliceFrom(kdc, intermediate));
            assertRefused(70, user);
            whileAliceLogsOn(kdc, () -> {
                PemFileWriter.writeCertificates(pool, List.of(pki.issuing().certificate(), intermediate.certificate()));
                ConfigEdits.sighup();
                awaitLog(log, "(SIGHUP): [trust] intermediates (file changed)");
                awaitLogon(user);
                return null;
            });
        }
    }

    @Test
    void aCaAddedToTheNtAuthFolderIsTrustedWithoutWaitingForTheRefresh() throws Exception {
        Path ntauth = Files.createDirectories(dir.resolve("ntauth"));
        Files.copy(layout.issuingCertificate(), ntauth.resolve("issuing.pem"));
        try (LabKdc kdc = start(conf -> ConfigEdits.set(ConfigEdits.set(ConfigEdits.set(ConfigEdits.set(conf,
                "ntauth", "source", "files"), "ntauth", "files", ntauth.toString()),
                "ntauth", "refresh_interval", "1h"), "revocation", "mode", "off"))) {
            LabPki pki = LabPki.load(kdc.lab.layout());
            // issued by the root directly: the root is the issuing CA the NTAuth rule looks for
            Callable<AsExchangeResult> user = logon(kdc, "ntauth-user", aliceFrom(kdc, pki.root()));
            assertRefused(62, user);
            whileAliceLogsOn(kdc, () -> {
                PemFileWriter.writeCertificates(ntauth.resolve("root.pem"), List.of(pki.root().certificate()));
                awaitLogon(user);
                return null;
            });
        }
    }

    @Test
    void aCaAddedToTheDirectorysNtAuthObjectIsTrustedAtTheNextSighup() throws Exception {
        try (LogCapture log = new LogCapture(ConfigReload.class);
             LabKdc kdc = start(conf -> ConfigEdits.set(ConfigEdits.set(conf, "kdc", "reload_interval", "0"),
                     "revocation", "mode", "off"))) {
            LabPki pki = LabPki.load(layout);
            Callable<AsExchangeResult> user = logon(kdc, "ntauth-directory-user", aliceFrom(kdc, pki.root()));
            assertRefused(62, user);
            Path rootPem = dir.resolve("ntauth-root.pem");
            PemFileWriter.writeCertificates(rootPem, List.of(pki.root().certificate()));
            try {
                whileAliceLogsOn(kdc, () -> {
                    ntauth(kdc, "add", rootPem.toString());   // refresh_interval is 60 s: SIGHUP reads it now
                    ConfigEdits.sighup();
                    awaitLog(log, "(SIGHUP): no change");
                    assertInstanceOf(AsExchangeResult.Success.class, user.call());
                    return null;
                });
            } finally {
                ntauth(kdc, "remove", KdcCertificateCheck.thumbprint(pki.root().certificate()));
            }
        }
    }

    /** {@code pkinit-kdc ntauth ARGS --config CONF}: changes the running KDC's directory and the lab LDIF. */
    private static void ntauth(LabKdc kdc, String... args) throws Exception {
        String[] withConfig = Arrays.copyOf(args, args.length + 2);
        withConfig[args.length] = "--config";
        withConfig[args.length + 1] = kdc.conf.toString();
        assertEquals(0, NtAuthCommand.run(withConfig, new PrintStream(OutputStream.nullOutputStream())));
    }

    @Test
    void aMirrorCrlReplacedToRevokeBobRefusesHimWith72WhileAliceKeepsWorking() throws Exception {
        Path mirror = Files.createDirectories(dir.resolve("mirror"));
        CertifiedKey issuing = LabPki.load(layout).issuing();
        Path crl = mirror.resolve("issuing.crl");
        ConfigEdits.replace(crl, mirrorCrl(issuing, 1));
        try (LogCapture log = new LogCapture(ConfigReload.class);
             LabKdc kdc = start(conf -> ConfigEdits.set(ConfigEdits.set(ConfigEdits.set(conf,
                     "revocation", "order", "crl"), "revocation", "crl_mirror", mirror.toString()),
                     "revocation", "crl_mirror_poll", "1h"))) {
            BigInteger bob = PemFiles.certificate(kdc.lab.user("bob").certificate()).getSerialNumber();
            Callable<AsExchangeResult> bobLogon = labUser(kdc, "bob");
            assertInstanceOf(AsExchangeResult.Success.class, bobLogon.call());
            whileAliceLogsOn(kdc, () -> {
                ConfigEdits.replace(crl, mirrorCrl(issuing, 2, bob));
                awaitRefused(72, bobLogon);
                awaitLog(log, "[revocation] crl_mirror (file changed)");
                return null;
            });
        }
    }

    private static byte[] mirrorCrl(CertifiedKey ca, long number, BigInteger... revoked) throws Exception {
        Instant now = Instant.now();
        CrlBuilder builder = CrlBuilder.by(ca).number(number).validity(now.minusSeconds(60), now.plusSeconds(3600));
        for (BigInteger serial : revoked) {
            builder.revoke(serial, now.minusSeconds(60), CRLReason.keyCompromise);
        }
        return builder.build().getEncoded();
    }

    @Test
    void relaxedStrongMappingOnSighupLetsAWeaklyMappedUserLogOnAndANewReloadIntervalRuns() throws Exception {
        try (LogCapture log = new LogCapture(ConfigReload.class);
             LabKdc kdc = start(conf -> ConfigEdits.set(conf, "kdc", "reload_interval", "0"))) {
            Callable<AsExchangeResult> weak = labUser(kdc, "weak");
            assertRefused(66, weak);
            whileAliceLogsOn(kdc, () -> {
                editConf(kdc, conf -> ConfigEdits.set(ConfigEdits.set(conf, "mapping", "strong_mapping_enforcement",
                        "compatibility"), "kdc", "reload_interval", "1s"));
                ConfigEdits.sighup();
                awaitLog(log, "(SIGHUP): [kdc] reload_interval, [mapping] strong_mapping_enforcement");
                awaitLogon(weak);
                // the new reload_interval runs: the next edit is found without a SIGHUP
                editConf(kdc, conf -> ConfigEdits.set(conf, "mapping", "strong_mapping_enforcement", "full"));
                awaitRefused(66, weak);
                return null;
            });
        }
    }

    @Test
    void revocationModeOffIsAppliedWhenTheFileChanges() throws Exception {
        try (LogCapture log = new LogCapture(ConfigReload.class);
             LabKdc kdc = start(UnaryOperator.identity())) {
            Callable<AsExchangeResult> revoked = labUser(kdc, "revoked");
            assertRefused(72, revoked);
            whileAliceLogsOn(kdc, () -> {
                editConf(kdc, conf -> ConfigEdits.set(conf, "revocation", "mode", "off"));
                awaitLog(log, "(files changed): [revocation] mode");
                awaitLogon(revoked);
                return null;
            });
        }
    }

    @Test
    void aKdcCertificateNamedInTheConfigIsTakenByTheGeneralReload() throws Exception {
        try (LogCapture reload = new LogCapture(ConfigReload.class);
             LabKdc kdc = start(UnaryOperator.identity())) {
            CertifiedKey fresh = LabPki.load(kdc.lab.layout()).issueKdc(LabKdc.REALM, LabKdc.HOST);
            PemFileWriter.writeCertifiedKey(labFile(kdc, "kdc/kdc-next.pem"), labFile(kdc, "kdc/kdc-next.key"), fresh);
            byte[] freshDer = fresh.certificate().getEncoded();
            assertFalse(repliesCarry(kdc, freshDer));
            whileAliceLogsOn(kdc, () -> {
                editConf(kdc, conf -> ConfigEdits.set(ConfigEdits.set(conf, "identity", "certificate",
                        "kdc/kdc-next.pem"), "identity", "key", "kdc/kdc-next.key"));
                awaitLog(reload, "[identity] certificate, [identity] key");
                assertTrue(repliesCarry(kdc, freshDer), "the AS-REP's SignedData carries the new KDC certificate");
                return null;
            });
        }
    }

    /** Whether alice's AS-REP, as it crosses the wire, holds {@code der} (the KDC's SignedData certificates). */
    private static boolean repliesCarry(LabKdc kdc, byte[] der) throws Exception {
        PkinitClient client = OwnClient.client(kdc.lab, "alice", PkinitClientOptions.defaults());
        byte[] reply = OwnClient.tcp(kdc.lab, client.newAsReq(OwnClient.principal("alice"), kdc.lab.realm())
                .encoded());
        for (int i = 0; i + der.length <= reply.length; i++) {
            if (Arrays.equals(reply, i, i + der.length, der, 0, der.length)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aRotatedKrbtgtKeytabSealsTheNextTgtsInTheNewKey() throws Exception {
        Path keytab = dir.resolve("krbtgt-rotated.keytab");
        Files.copy(layout.krbtgtKeytab(), keytab, StandardCopyOption.REPLACE_EXISTING);
        try (LogCapture log = new LogCapture(ConfigReload.class);
             LabKdc kdc = start(conf -> ConfigEdits.set(conf, "krbtgt", "keytab", keytab.toString()))) {
            Callable<AsExchangeResult> alice = labUser(kdc, "alice");
            assertEquals(KrbtgtKeytab.KVNO, tgtKvno(alice.call()));
            whileAliceLogsOn(kdc, () -> {
                Path next = dir.resolve("krbtgt-next.keytab");
                Files.copy(keytab, next, StandardCopyOption.REPLACE_EXISTING);
                int kvno = KrbtgtKeytab.rotate(next, LabKdc.REALM);
                Files.move(next, keytab, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                awaitLog(log, "[krbtgt] keytab (file changed)");
                AsExchangeResult.Success issued = assertInstanceOf(AsExchangeResult.Success.class, alice.call());
                assertEquals(kvno, tgtKvno(issued));
                IssuedTgt.open(issued.ticket(), KrbtgtKeys.load(keytab, LabKdc.REALM));   // decrypts: the new key
                return null;
            });
        }
    }

    private static int tgtKvno(AsExchangeResult result) {
        return assertInstanceOf(AsExchangeResult.Success.class, result, result::toString).ticket()
                .getEncryptedEncPart().getKvno();
    }

    @Test
    void aBrokenEditKeepsTheRunningConfigAndSaysWhereThenTheFixedFileApplies() throws Exception {
        try (LogCapture log = new LogCapture(ConfigReload.class);
             LabKdc kdc = start(UnaryOperator.identity())) {
            Callable<AsExchangeResult> weak = labUser(kdc, "weak");
            whileAliceLogsOn(kdc, () -> {
                editConf(kdc, conf -> ConfigEdits.set(conf, "mapping", "strong_mapping_enforcement", "sometimes"));
                int line = lineOf(kdc.conf, "strong_mapping_enforcement = sometimes");
                awaitLog(log, "reload (files changed) failed, the running configuration stays: " + kdc.conf + ":"
                        + line + ": [mapping] strong_mapping_enforcement:");

                editConf(kdc, conf -> ConfigEdits.set(ConfigEdits.set(conf, "mapping", "strong_mapping_enforcement",
                        "compatibility"), "trust", "anchors", "missing.pem"));
                awaitLog(log, "reload (files changed) failed, the running configuration stays: " + kdc.conf + ":"
                        + lineOf(kdc.conf, "anchors = missing.pem") + ": [trust] anchors: no such file: ");
                assertRefused(66, weak);

                editConf(kdc, conf -> ConfigEdits.set(ConfigEdits.set(conf, "trust", "anchors", "ca/root.pem"),
                        "kdc", "workers", "1"));
                awaitLog(log, kdc.conf + ":" + lineOf(kdc.conf, "workers = 1")
                        + ": [kdc] workers: changed, needs a restart");
                awaitLogon(weak);
                return null;
            });
            List<String> warnings = log.lines().stream().filter(l -> l.contains("failed")).toList();
            assertEquals(2, warnings.size(), "one WARN line per broken edit: " + warnings);
        }
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }
}
