package dev.pkinitkdc.kdc.tool.lab;

import static dev.pkinitkdc.pkinit.testing.Prerequisites.require;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.support.keytab.KeytabFile;
import dev.pkinitkdc.kdc.support.keytab.KeytabKey;
import dev.pkinitkdc.kdc.tool.labpki.LabOids;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.kdc.tool.labpki.LabRevocationUrls;
import dev.pkinitkdc.kdc.tool.labpki.PemFileWriter;
import dev.pkinitkdc.kdc.tool.labpki.RevokedSerials;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabEnvironmentTest {
    private static final List<String> FILES = List.of("ca/root.pem", "ca/root.key", "ca/issuing.pem",
            "ca/issuing.key", "kdc/kdc.pem", "kdc/kdc.key", "kdc/kdc.p12", "users/alice.pem", "users/alice.key",
            "users/alice.p12", "users/bob.pem", "users/bob.key", "users/bob.p12", "users/carol.pem",
            "users/carol.key", "users/carol.p12", "users/weak.pem", "users/weak.key", "users/weak.p12", "users/revoked.pem", "users/revoked.key", "users/revoked.p12",
            "ca/revocation-url", "ca/revoked.txt", "directory.ldif",
            "krbtgt.keytab", "keytabs/host.keytab", "keytabs/HTTP.keytab", "krb5.conf", "kdc.conf");

    @TempDir
    Path dir;

    private LabOptions options(int port) {
        return new LabOptions(dir.resolve("lab"), "LAB.EXAMPLE", "127.0.0.1", port);
    }

    @Test
    void prepareWritesEveryFile() throws IOException {
        LabEnvironment lab = LabEnvironment.prepare(options(8888));
        for (String file : FILES) {
            Path path = lab.dir().resolve(file);
            assertTrue(Files.size(path) > 0, file);
        }
        assertEquals(lab.dir().resolve("kdc.conf"), lab.kdcConf());
        assertEquals(lab.dir().resolve("krb5.conf"), lab.krb5Conf());
        assertEquals(lab.dir().resolve("users/bob.p12"), lab.user("bob").pkcs12());
    }

    @Test
    void keyFilesAreOwnerOnly() throws IOException {
        require(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "the file system has no POSIX permissions");
        LabEnvironment lab = LabEnvironment.prepare(options(8888));
        for (String file : List.of("ca/root.key", "ca/issuing.key", "kdc/kdc.key", "kdc/kdc.p12",
                "users/alice.key", "users/alice.p12", "krbtgt.keytab", "keytabs/host.keytab", "keytabs/HTTP.keytab")) {
            assertEquals("rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(lab.dir().resolve(file))), file);
        }
    }

    @Test
    void secondRunReusesPkiAndRewritesConfiguration() throws Exception {
        LabEnvironment first = LabEnvironment.prepare(options(8888));
        byte[] root = fingerprint(first.layout().rootCertificate());
        byte[] alice = fingerprint(first.user("alice").certificate());
        byte[] ldif = Files.readAllBytes(first.layout().directoryLdif());
        byte[] keytab = Files.readAllBytes(first.layout().krbtgtKeytab());

        LabEnvironment second = LabEnvironment.prepare(options(9999));

        assertArrayEquals(root, fingerprint(second.layout().rootCertificate()));
        assertArrayEquals(alice, fingerprint(second.user("alice").certificate()));
        assertArrayEquals(ldif, Files.readAllBytes(second.layout().directoryLdif()));
        assertArrayEquals(keytab, Files.readAllBytes(second.layout().krbtgtKeytab()));
        String krb5 = Files.readString(second.krb5Conf());
        assertTrue(krb5.contains("kdc = 127.0.0.1:9999"), krb5);
        assertFalse(krb5.contains("8888"), krb5);
        assertTrue(Files.readString(second.kdcConf()).contains("listen = udp:127.0.0.1:9999, tcp:127.0.0.1:9999"));
    }

    @Test
    void missingUserFilesAreReissuedFromTheExistingCa() throws Exception {
        LabEnvironment first = LabEnvironment.prepare(options(8888));
        byte[] root = fingerprint(first.layout().rootCertificate());
        byte[] bob = fingerprint(first.user("bob").certificate());
        Files.delete(first.user("bob").certificate());

        LabEnvironment second = LabEnvironment.prepare(options(8888));

        assertArrayEquals(root, fingerprint(second.layout().rootCertificate()));
        assertNotEquals(List.of(bob), List.of(fingerprint(second.user("bob").certificate())));
        assertTrue(Files.exists(second.user("bob").certificate()));
    }

    @Test
    void refusesADirMadeForAnotherRealm() throws IOException {
        LabEnvironment.prepare(options(8888));
        assertThrows(IOException.class, () -> LabEnvironment.prepare(options(8888).withRealm("OTHER.EXAMPLE")));
    }

    @Test
    void krb5ConfNamesRealmKdcAndAbsoluteAnchor() throws IOException {
        LabEnvironment lab = LabEnvironment.prepare(options(8888));
        String krb5 = Files.readString(lab.krb5Conf());
        assertTrue(krb5.contains("default_realm = LAB.EXAMPLE"), krb5);
        assertTrue(krb5.contains("dns_lookup_kdc = false"), krb5);
        assertTrue(krb5.contains("rdns = false"), krb5);
        assertTrue(krb5.contains("pkinit_anchors = FILE:" + lab.dir().resolve("ca/root.pem")), krb5);
        assertTrue(krb5.contains(".lab.example = LAB.EXAMPLE"), krb5);
        assertFalse(krb5.contains("udp_preference_limit"), krb5);
    }

    @Test
    void kdcConfUsesPathsRelativeToDir() throws IOException {
        LabEnvironment lab = LabEnvironment.prepare(options(8888));
        List<String> lines = Files.readAllLines(lab.kdcConf());
        for (String expected : List.of("[kdc]", "realm = LAB.EXAMPLE", "[identity]", "certificate = kdc/kdc.pem",
                "key = kdc/kdc.key", "chain = ca/issuing.pem", "[trust]", "anchors = ca/root.pem",
                "intermediates = ca/issuing.pem", "[pkinit]", "dh_min_bits = 2048", "[directory]",
                "type = embedded", "base_dn = DC=lab,DC=example", "ldif = directory.ldif", "listen = 127.0.0.1:0",
                "[krbtgt]", "keytab = krbtgt.keytab", "[audit]", "file = log/audit.jsonl", "[metrics]",
                "listen = 127.0.0.1:8890")) {
            assertTrue(lines.contains(expected), expected + " in " + lines);
        }
        for (String line : lines) {
            assertFalse(line.contains(lab.dir().toString()), "absolute path in " + line);
            assertTrue(line.isEmpty() || line.startsWith("#") || line.startsWith("[") || line.contains(" = "), line);
        }
    }

    @Test
    void kinitCommandsForEveryUser() throws IOException {
        LabEnvironment lab = LabEnvironment.prepare(options(8888));
        Path d = lab.dir();
        String identity = "-X X509_user_identity=FILE:" + d.resolve("users/alice.pem") + ","
                + d.resolve("users/alice.key");
        String env = "KRB5_CONFIG=" + d.resolve("krb5.conf") + " KRB5CCNAME=FILE:" + d.resolve("ccache-alice");
        assertEquals(List.of(
                        env + " kinit " + identity + " alice",
                        env + " kinit " + identity + " -E alice@lab.example",
                        "KRB5_CONFIG=" + d.resolve("krb5.conf") + " KRB5CCNAME=FILE:" + d.resolve("ccache-bob")
                                + " kinit -X X509_user_identity=FILE:" + d.resolve("users/bob.pem") + ","
                                + d.resolve("users/bob.key") + " bob",
                        "KRB5_CONFIG=" + d.resolve("krb5.conf") + " KRB5CCNAME=FILE:" + d.resolve("ccache-carol")
                                + " kinit -X X509_user_identity=FILE:" + d.resolve("users/carol.pem") + ","
                                + d.resolve("users/carol.key") + " carol",
                        "KRB5_CONFIG=" + d.resolve("krb5.conf") + " KRB5CCNAME=FILE:" + d.resolve("ccache-weak")
                                + " kinit -X X509_user_identity=FILE:" + d.resolve("users/weak.pem") + ","
                                + d.resolve("users/weak.key") + " weak"),
                lab.kinitCommands().subList(0, 5));
        String revoked = "KRB5_CONFIG=" + d.resolve("krb5.conf") + " KRB5CCNAME=FILE:" + d.resolve("ccache-revoked")
                + " kinit -X X509_user_identity=FILE:" + d.resolve("users/revoked.pem") + ","
                + d.resolve("users/revoked.key");
        assertEquals(List.of(revoked + " revoked", revoked + " -E revoked@lab.example"),
                lab.kinitCommands().subList(5, 7));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        lab.printInstructions(new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        lab.kinitCommands().forEach(line -> assertTrue(printed.contains(line), printed));
        assertTrue(printed.contains("bin/pkinit-kdc explain --config " + lab.kdcConf()), printed);
        assertTrue(printed.contains("refused with KRB-ERROR 72"), printed);
        assertTrue(printed.contains("OCSP http://127.0.0.1:8889/ocsp"), printed);
        assertTrue(printed.contains("metrics http://127.0.0.1:8890/metrics"), printed);
        assertTrue(printed.contains("audit log (one JSON line per AS-REQ) " + d.resolve("log/audit.jsonl")), printed);
        assertTrue(printed.contains(env + " kvno host/localhost@LAB.EXAMPLE"), printed);
    }

    /** Issue 18: the service keytabs a TGS-REQ needs; a lab made before them gets them, its other keys kept. */
    @Test
    void serviceKeytabsAreMadeOnceAndAddedToALabMadeBefore() throws Exception {
        LabEnvironment first = LabEnvironment.prepare(options(8888));
        Path host = first.dir().resolve("keytabs/host.keytab");
        List<KeytabKey> keys = KeytabFile.read(host);
        assertEquals(Enctype.values().length, keys.size(), keys::toString);
        assertTrue(keys.stream().allMatch(k -> k.isFor("LAB.EXAMPLE", List.of("host", "localhost"))), keys::toString);
        assertTrue(KeytabFile.read(first.dir().resolve("keytabs/HTTP.keytab")).stream()
                .allMatch(k -> k.isFor("LAB.EXAMPLE", List.of("HTTP", "localhost"))));
        String conf = Files.readString(first.kdcConf());
        assertTrue(conf.contains("[services]\nkeytabs = keytabs\n"), conf);
        byte[] hostBytes = Files.readAllBytes(host);
        byte[] krbtgt = Files.readAllBytes(first.layout().krbtgtKeytab());

        LabEnvironment again = LabEnvironment.prepare(options(8888));
        assertArrayEquals(hostBytes, Files.readAllBytes(host), "a second run keeps the service keys");

        Files.delete(host);
        Files.delete(first.dir().resolve("keytabs/HTTP.keytab"));
        Files.delete(first.dir().resolve("keytabs"));
        LabEnvironment.prepare(options(8888));
        assertTrue(Files.size(host) > 0, "a lab made before the TGS-REQ gets its service keytabs");
        assertArrayEquals(krbtgt, Files.readAllBytes(again.layout().krbtgtKeytab()));
    }

    @Test
    void usersCarryTheRecordedRevocationPointersAndRevokedIsListed() throws Exception {
        LabEnvironment lab = LabEnvironment.prepare(options(8888));
        assertEquals("http://127.0.0.1:8889\n", Files.readString(lab.dir().resolve("ca/revocation-url")));
        for (LabUser user : lab.users()) {
            var cert = PemFiles.certificate(user.certificate());
            assertEquals(List.of("http://127.0.0.1:8889/ocsp"), LabRevocationUrls.ocspUrls(cert), user.name());
            assertEquals(List.of("http://127.0.0.1:8889/crl/issuing.crl"), LabRevocationUrls.crlUrls(cert), user.name());
        }
        assertEquals(List.of("http://127.0.0.1:8889/crl/root.crl"),
                LabRevocationUrls.crlUrls(PemFiles.certificate(lab.layout().issuingCertificate())));
        var revoked = PemFiles.certificate(lab.user("revoked").certificate());
        var listed = RevokedSerials.read(lab.layout().revokedSerials());
        assertEquals(java.util.Set.of(revoked.getSerialNumber()), listed.keySet());
        assertEquals("keyCompromise", listed.get(revoked.getSerialNumber()).reasonName());
        String conf = Files.readString(lab.kdcConf());
        assertTrue(conf.contains("[revocation]\nmode = hard_fail\norder = ocsp, crl\ncache_dir = revocation-cache\n"),
                conf);
    }

    @Test
    void aNewRevocationPortOrHostReissuesTheCertificatesUnderTheSameRoot() throws Exception {
        LabEnvironment first = LabEnvironment.prepare(options(8888));
        byte[] root = fingerprint(first.layout().rootCertificate());
        byte[] alice = fingerprint(first.user("alice").certificate());
        String revokedSerials = Files.readString(first.layout().revokedSerials());

        LabEnvironment second = LabEnvironment.prepare(options(8888).withRevocationPort(9100));

        assertEquals("http://127.0.0.1:9100", second.revocationUrls().base());
        assertArrayEquals(root, fingerprint(second.layout().rootCertificate()));
        assertNotEquals(List.of(alice), List.of(fingerprint(second.user("alice").certificate())));
        var issuing = PemFiles.certificate(second.layout().issuingCertificate());
        assertEquals(List.of("http://127.0.0.1:9100/crl/root.crl"), LabRevocationUrls.crlUrls(issuing));
        for (LabUser user : second.users()) {
            PemFiles.certificate(user.certificate()).verify(issuing.getPublicKey());
        }
        var revoked = PemFiles.certificate(second.user("revoked").certificate());
        String now = Files.readString(second.layout().revokedSerials());
        assertTrue(now.startsWith(revokedSerials), "earlier entries are kept");
        assertTrue(RevokedSerials.read(second.layout().revokedSerials()).containsKey(revoked.getSerialNumber()), now);
        assertArrayEquals(issuing.getEncoded(), ntAuthValue(second.layout().directoryLdif()),
                "the NTAuth object holds the new issuing CA");

        LabEnvironment third = LabEnvironment.prepare(options(7777));
        assertEquals("http://127.0.0.1:9100", third.revocationUrls().base(), "the recorded URL is reused");
    }

    @Test
    void aLabWhoseIssuingCaHasNoCrlDistributionPointGetsANewOne() throws Exception {
        LabEnvironment first = LabEnvironment.prepare(options(8888));
        LabPki older = LabPki.generate("LAB.EXAMPLE");
        older.save(first.layout());

        LabEnvironment second = LabEnvironment.prepare(options(8888));

        LabPki upgraded = LabPki.load(second.layout());
        assertArrayEquals(older.root().certificate().getEncoded(), upgraded.root().certificate().getEncoded());
        assertTrue(upgraded.issuingCaPointsAt(second.revocationUrls()));
        PemFiles.certificate(second.user("alice").certificate()).verify(upgraded.issuing().certificate().getPublicKey());
        PemFiles.certificate(second.layout().kdc().certificate())
                .verify(upgraded.issuing().certificate().getPublicKey());
    }

    @Test
    void theDirectorySeedMatchesTheCertificates() throws Exception {
        LabEnvironment lab = LabEnvironment.prepare(options(8888));
        java.util.Map<String, com.unboundid.ldap.sdk.Entry> users = new java.util.HashMap<>();
        try (com.unboundid.ldif.LDIFReader reader = new com.unboundid.ldif.LDIFReader(lab.layout().directoryLdif().toFile())) {
            for (var e = reader.readEntry(); e != null; e = reader.readEntry()) {
                if (e.hasAttribute("sAMAccountName")) {
                    users.put(e.getAttributeValue("sAMAccountName"), e);
                }
            }
        }
        for (String name : List.of("alice", "bob")) {
            var cert = PemFiles.certificate(lab.user(name).certificate());
            assertEquals(List.of(users.get(name).getAttributeValue("objectSid")),
                    dev.pkinitkdc.mapping.altsec.CertificateSids.of(cert), name + "'s SID extension is its objectSid");
        }
        var carol = PemFiles.certificate(lab.user("carol").certificate());
        String carolMapping = users.get("carol").getAttributeValue("altSecurityIdentities");
        assertTrue(carolMapping.startsWith("X509:<I>") && carolMapping.contains("<SR>"), carolMapping);
        assertTrue(dev.pkinitkdc.mapping.altsec.AltSecurityIdentity.strongForms(carol).stream()
                .anyMatch(f -> f.adValue().equals(carolMapping)), carolMapping);
        String weakMapping = users.get("weak").getAttributeValue("altSecurityIdentities");
        assertTrue(weakMapping.startsWith("X509:<I>") && weakMapping.contains("<S>CN=weak"), weakMapping);
        assertTrue(dev.pkinitkdc.mapping.altsec.CertificateSids.of(carol).isEmpty());
    }

    @Test
    void aLabWhoseCertificatesLackTheSidExtensionIsUpgradedAndReseeded() throws Exception {
        LabEnvironment first = LabEnvironment.prepare(options(8888));
        byte[] bob = fingerprint(first.user("bob").certificate());
        LabPki pki = LabPki.load(first.layout());
        CertifiedKey old = CertificateBuilder.withNewKey("CN=alice").extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON)
                .issuedBy(pki.issuing());
        PemFileWriter.writeCertifiedKey(first.user("alice").certificate(), first.user("alice").privateKey(), old);
        String ldifBefore = Files.readString(first.layout().directoryLdif());

        LabEnvironment second = LabEnvironment.prepare(options(8888));
        var alice = PemFiles.certificate(second.user("alice").certificate());
        assertEquals(1, dev.pkinitkdc.mapping.altsec.CertificateSids.of(alice).size(), "reissued with its SID");
        assertArrayEquals(bob, fingerprint(second.user("bob").certificate()), "bob's certificate was fine");
        String sidLine = ldifBefore.lines().filter(l -> l.startsWith("objectSid: S-1-5-21-")).findFirst().orElseThrow();
        assertTrue(Files.readString(second.layout().directoryLdif()).contains(sidLine), "same domain SID kept");
    }

    @Test
    void unknownUserIsRefused() throws IOException {
        LabEnvironment lab = LabEnvironment.prepare(options(8888));
        assertThrows(IllegalArgumentException.class, () -> lab.user("mallory"));
    }

    private static byte[] ntAuthValue(Path ldif) throws Exception {
        try (com.unboundid.ldif.LDIFReader reader = new com.unboundid.ldif.LDIFReader(ldif.toFile())) {
            for (var e = reader.readEntry(); e != null; e = reader.readEntry()) {
                if (e.hasAttribute("cACertificate;binary")) {
                    return e.getAttributeValueBytes("cACertificate;binary");
                }
            }
        }
        throw new AssertionError("no NTAuth object in " + ldif);
    }

    static byte[] fingerprint(Path pem) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(PemFiles.certificate(pem).getEncoded());
    }

    @Test
    void anOlderLabLdifWithoutTheNtAuthObjectGetsItAppended() throws Exception {
        LabEnvironment first = LabEnvironment.prepare(options(8888));
        Path ldif = first.layout().directoryLdif();
        String text = Files.readString(ldif);
        String older = text.substring(0, text.indexOf("dn: CN=Configuration,"));
        Files.writeString(ldif, older);

        LabEnvironment.prepare(options(8888));
        String upgraded = Files.readString(ldif);
        assertTrue(upgraded.startsWith(older), "the existing entries are kept as they were");
        assertTrue(upgraded.contains("dn: CN=NTAuthCertificates,CN=Public Key Services,CN=Services,"
                + "CN=Configuration,DC=lab,DC=example"), upgraded);
        assertTrue(upgraded.contains("cACertificate;binary:: "), upgraded);

        LabEnvironment.prepare(options(8888));
        assertEquals(upgraded, Files.readString(ldif), "appended once");
    }
}
