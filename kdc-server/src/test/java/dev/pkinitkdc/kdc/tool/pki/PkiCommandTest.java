package dev.pkinitkdc.kdc.tool.pki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.cli.UsageException;
import dev.pkinitkdc.kdc.tool.labpki.LabLayout;
import dev.pkinitkdc.kdc.tool.labpki.RevokedSerials;
import dev.pkinitkdc.mapping.altsec.CertificateIdentity;
import dev.pkinitkdc.mapping.altsec.CertificateSids;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.rules.AltSecurityIdentitiesRule;
import dev.pkinitkdc.mapping.rules.RuleEvaluation;
import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiCommandTest {
    private static final String SMART_CARD_LOGON = "1.3.6.1.4.1.311.20.2.2";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String PKINIT_KDC = "1.3.6.1.5.2.3.5";
    private static final String SID = "S-1-5-21-1004336348-1177238915-682003330-1200";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;

    @TempDir
    Path dir;

    private String pki(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, PkiCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }

    private String init() throws Exception {
        return pki("init", "--dir", dir.toString(), "--name", "Test Lab");
    }

    private LabLayout layout() {
        return new LabLayout(dir);
    }

    private static X509Certificate certificate(Path pem) throws IOException {
        return PemFiles.certificates(pem).get(0);
    }

    @Test
    void initMakesARootAndAnIssuingCaAndRefusesToReplaceThemWithoutForce() throws Exception {
        init();
        X509Certificate root = certificate(layout().rootCertificate());
        X509Certificate issuing = certificate(layout().issuingCertificate());
        assertEquals("CN=Test Lab Root CA,O=Test Lab", root.getSubjectX500Principal().getName());
        assertEquals(root.getSubjectX500Principal(), issuing.getIssuerX500Principal());
        issuing.verify(root.getPublicKey());
        assertEquals(0, issuing.getBasicConstraints());
        assertEquals(2048, ((RSAPublicKey) root.getPublicKey()).getModulus().bitLength());
        assertTrue(Files.exists(layout().issuingCrl()) && Files.exists(layout().rootCrl()));

        IOException refused = assertThrows(IOException.class, this::init);
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
        assertEquals(root, certificate(layout().rootCertificate()));
        pki("init", "--dir", dir.toString(), "--force", "--key-size", "3072", "--validity", "5y");
        X509Certificate replaced = certificate(layout().rootCertificate());
        assertEquals(3072, ((RSAPublicKey) replaced.getPublicKey()).getModulus().bitLength());
        assertEquals(Duration.ofDays(5 * 365), lifetime(replaced));
    }

    @Test
    void issueKdcMakesTheKerberosAuthenticationTemplatesCertificateInAPkcs12UnderItsPassword() throws Exception {
        init();
        Path password = dir.resolve("password");
        Files.writeString(password, "kdc-secret\n");
        Path p12 = dir.resolve("out/dc01.p12");
        pki("issue-kdc", "--dir", dir.toString(), "--fqdn", "dc01.lab.example", "--out", p12.toString(),
                "--password-file", password.toString());

        PemFiles.KeyAndChain read = PemFiles.pkcs12(p12, "kdc-secret".toCharArray());
        X509Certificate kdc = read.chain().get(0);
        assertEquals(List.of(certificate(layout().issuingCertificate()), certificate(layout().rootCertificate())),
                read.chain().subList(1, 3));
        assertEquals(kdc, certificate(dir.resolve("out/dc01.pem")));
        assertArrayEquals(read.key().getEncoded(),
                PemFiles.privateKey(dir.resolve("out/dc01.key")).getEncoded());
        assertEquals(List.of(PKINIT_KDC, SERVER_AUTH, CLIENT_AUTH, SMART_CARD_LOGON), kdc.getExtendedKeyUsage());
        assertTrue(kdc.getKeyUsage()[DIGITAL_SIGNATURE] && kdc.getKeyUsage()[KEY_ENCIPHERMENT]);
        assertEquals(List.of("dc01.lab.example"), SubjectAltNames.dnsNames(kdc));
        assertEquals(List.of(new KerberosPrincipalName("LAB.EXAMPLE", 2, List.of("krbtgt", "LAB.EXAMPLE"))),
                SubjectAltNames.kerberosPrincipals(kdc));
        assertEquals(Duration.ofDays(913), lifetime(kdc));
        assertEquals(2048, ((RSAPublicKey) kdc.getPublicKey()).getModulus().bitLength());
        assertThrows(IOException.class, () -> PemFiles.pkcs12(p12, new char[0]));
    }

    @Test
    void issueKdcTakesTheRealmKeySizeAndValidityGiven() throws Exception {
        init();
        pki("issue-kdc", "--dir", dir.toString(), "--fqdn", "kdc.example.org", "--realm", "CORP.TEST",
                "--key-size", "3072", "--validity", "90d");
        Path p12 = dir.resolve("kdc/kdc.example.org.p12");
        X509Certificate kdc = PemFiles.pkcs12(p12, new char[0]).chain().get(0);
        assertEquals("CORP.TEST", SubjectAltNames.kerberosPrincipals(kdc).get(0).realm());
        assertEquals(3072, ((RSAPublicKey) kdc.getPublicKey()).getModulus().bitLength());
        assertEquals(Duration.ofDays(90), lifetime(kdc));
    }

    @Test
    void issueUserWithUpnAndSidWritesTheLabsUserFilesWithLogonEkusAndTheSid() throws Exception {
        init();
        pki("issue-user", "--dir", dir.toString(), "--upn", "alice@lab.example", "--sid", SID);
        LabLayout.EndEntityFiles files = layout().user("alice");
        X509Certificate alice = certificate(files.certificate());
        assertEquals(alice, PemFiles.pkcs12(files.pkcs12(), new char[0]).chain().get(0));
        assertEquals("CN=alice", alice.getSubjectX500Principal().getName());
        assertEquals(List.of(CLIENT_AUTH, SMART_CARD_LOGON), alice.getExtendedKeyUsage());
        boolean[] usage = alice.getKeyUsage();
        assertTrue(usage[DIGITAL_SIGNATURE]);
        assertFalse(usage[KEY_ENCIPHERMENT]);
        assertEquals(List.of("alice@lab.example"), SubjectAltNames.upns(alice));
        assertEquals(List.of(SID), CertificateSids.of(alice));
        assertTrue(alice.getSubjectAlternativeNames().stream()
                .anyMatch(n -> n.get(1).equals(CertificateSids.SID_URI_PREFIX + SID)));
        assertTrue(alice.getExtensionValue(CertificateSids.SID_EXTENSION) != null);
        assertEquals(Duration.ofDays(365), lifetime(alice));
    }

    @Test
    void issueUserWithoutSanHasNoSanAndNamesTheFilesAfterTheCn() throws Exception {
        init();
        pki("issue-user", "--dir", dir.toString(), "--no-san", "--subject", "CN=Frank,OU=Staff,O=Lab",
                "--ec", "p256", "--validity", "30d");
        X509Certificate frank = certificate(layout().user("Frank").certificate());
        assertNull(frank.getSubjectAlternativeNames());
        assertInstanceOf(ECPublicKey.class, frank.getPublicKey());
        assertEquals(List.of(), CertificateSids.of(frank));
        assertThrows(IOException.class, () -> pki("issue-user", "--dir", dir.toString(), "--no-san",
                "--subject", "CN=Frank"));
    }

    /** Every printed value, parsed and compared by the KDC's own matcher, maps the certificate, strongly. */
    @Test
    void everyPrintedStrongAltSecurityIdentityMapsTheCertificateStronglyThroughTheMatcher() throws Exception {
        init();
        String out = pki("issue-user", "--dir", dir.toString(), "--no-san", "--subject", "CN=Frank,O=Lab",
                "--sid", SID, "--name", "frank");
        X509Certificate frank = certificate(layout().user("frank").certificate());
        List<String> strong = printed(out, AltSecurityIdentityListing.STRONG_HEADING);
        List<String> weak = printed(out, AltSecurityIdentityListing.WEAK_HEADING);
        assertEquals(4, strong.size(), out);   // <I><SR>, <SKI>, <SHA1-PUKEY>, <I><SID>
        assertTrue(strong.get(0).matches("X509:<I>O=Test Lab,CN=Test Lab Issuing CA<SR>[0-9A-F]+"), strong.get(0));
        assertTrue(strong.get(3).endsWith("<SID>" + SID), strong.get(3));
        for (String value : strong) {
            RuleEvaluation e = evaluate(frank, value);
            assertEquals(1, e.matches().size(), value + ": " + e);
            assertTrue(e.matches().get(0).method().strong(), value);
        }
        assertEquals(2, weak.size(), out);   // <I><S>, <S>
        for (String value : weak) {
            RuleEvaluation e = evaluate(frank, value);
            assertEquals(1, e.matches().size(), value + ": " + e);
            assertFalse(e.matches().get(0).method().strong(), value);
        }
    }

    @Test
    void theSerialIsPrintedAsAdStoresIt() throws Exception {
        init();
        String out = pki("issue-user", "--dir", dir.toString(), "--upn", "bob@lab.example");
        BigInteger serial = certificate(layout().user("bob").certificate()).getSerialNumber();
        String stored = printed(out, AltSecurityIdentityListing.STRONG_HEADING).get(0).replaceFirst(".*<SR>", "");
        byte[] bytes = serial.toByteArray();
        byte[] magnitude = bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
        StringBuilder reversed = new StringBuilder();
        for (int i = magnitude.length - 1; i >= 0; i--) {
            reversed.append(String.format("%02X", magnitude[i]));
        }
        assertEquals(reversed.toString(), stored);
    }

    @Test
    void crlRevokeListsTheSerialAndEachPublishedCrlHasTheNextNumber() throws Exception {
        init();
        pki("issue-user", "--dir", dir.toString(), "--upn", "carol@lab.example");
        pki("issue-user", "--dir", dir.toString(), "--upn", "dan@lab.example");
        X509CRL first = CrlPublisher.read(layout().issuingCrl()).orElseThrow();
        assertEquals(BigInteger.ONE, CrlPublisher.number(first));
        assertNull(first.getRevokedCertificates());
        X509Certificate carol = certificate(layout().user("carol").certificate());
        X509Certificate dan = certificate(layout().user("dan").certificate());

        pki("crl", "revoke", layout().user("carol").certificate().toString(), "--reason", "keyCompromise",
                "--dir", dir.toString());
        Date carolRevoked = CrlPublisher.read(layout().issuingCrl()).orElseThrow()
                .getRevokedCertificate(carol).getRevocationDate();
        Thread.sleep(1100);   // a later revocation must not move carol's revocationDate (RFC 5280 5.3.2)
        pki("crl", "revoke", dan.getSerialNumber().toString(16), "--dir", dir.toString(), "--next-update", "1d");

        X509CRL crl = CrlPublisher.read(layout().issuingCrl()).orElseThrow();
        assertEquals(carolRevoked, crl.getRevokedCertificate(carol).getRevocationDate());
        assertTrue(crl.getRevokedCertificate(dan).getRevocationDate().after(carolRevoked));
        crl.verify(certificate(layout().issuingCertificate()).getPublicKey());
        assertEquals(BigInteger.valueOf(3), CrlPublisher.number(crl));
        assertTrue(crl.isRevoked(carol) && crl.isRevoked(dan));
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE,
                crl.getRevokedCertificate(carol).getRevocationReason());
        assertEquals(Duration.ofDays(1).plus(CrlPublisher.BACKDATE),
                Duration.between(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant()));
        Map<BigInteger, RevokedSerials.Entry> listed = RevokedSerials.read(layout().revokedSerials());
        assertEquals(1, listed.get(carol.getSerialNumber()).reason());
        assertTrue(listed.containsKey(dan.getSerialNumber()));
        pki("crl", "publish", "--root", "--dir", dir.toString());
        assertEquals(BigInteger.TWO, CrlPublisher.number(CrlPublisher.read(layout().rootCrl()).orElseThrow()));
    }

    @Test
    void withRevocationUrlsCertificatesPointAtOcspAndTheCrlAndTheCrlsNameTheirUrl() throws Exception {
        pki("init", "--dir", dir.toString(), "--revocation-url", "http://127.0.0.1:8889");
        assertEquals("http://127.0.0.1:8889", Files.readString(layout().revocationUrl()).strip());
        pki("issue-user", "--dir", dir.toString(), "--upn", "alice@lab.example");
        pki("issue-kdc", "--dir", dir.toString(), "--fqdn", "dc01.lab.example");
        for (Path pem : List.of(layout().user("alice").certificate(), dir.resolve("kdc/dc01.lab.example.pem"))) {
            X509Certificate c = certificate(pem);
            String aia = new String(c.getExtensionValue("1.3.6.1.5.5.7.1.1"), StandardCharsets.ISO_8859_1);
            String cdp = new String(c.getExtensionValue("2.5.29.31"), StandardCharsets.ISO_8859_1);
            assertTrue(aia.contains("http://127.0.0.1:8889/ocsp"), pem.toString());
            assertTrue(cdp.contains("http://127.0.0.1:8889/crl/issuing.crl"), pem.toString());
        }
        String idp = new String(CrlPublisher.read(layout().issuingCrl()).orElseThrow()
                .getExtensionValue("2.5.29.28"), StandardCharsets.ISO_8859_1);
        assertTrue(idp.contains("http://127.0.0.1:8889/crl/issuing.crl"));
        String issuingCdp = new String(certificate(layout().issuingCertificate()).getExtensionValue("2.5.29.31"),
                StandardCharsets.ISO_8859_1);
        assertTrue(issuingCdp.contains("http://127.0.0.1:8889/crl/root.crl"));
    }

    @Test
    void aCertificateThatWouldOutliveTheIssuingCaIsRefused() throws Exception {
        pki("init", "--dir", dir.toString(), "--validity", "2y");
        IOException e = assertThrows(IOException.class, () -> pki("issue-kdc", "--dir", dir.toString(), "--fqdn",
                "dc01.lab.example"));   // 2.5y by default
        assertTrue(e.getMessage().contains("outlive the issuing CA"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("kdc/dc01.lab.example.p12")));
        pki("issue-kdc", "--dir", dir.toString(), "--fqdn", "dc01.lab.example", "--validity", "1y");
    }

    @Test
    void crlShowPrintsTheNumberAndTheRevokedSerials() throws Exception {
        init();
        pki("issue-user", "--dir", dir.toString(), "--upn", "carol@lab.example");
        String serial = certificate(layout().user("carol").certificate()).getSerialNumber().toString(16)
                .toUpperCase(java.util.Locale.ROOT);
        pki("crl", "revoke", serial, "--reason", "superseded", "--dir", dir.toString());
        String shown = pki("crl", "show", "--dir", dir.toString());
        assertTrue(shown.contains("number 2"), shown);
        assertTrue(shown.contains(serial), shown);
        assertTrue(shown.contains("SUPERSEDED"), shown);
        assertTrue(pki("crl", "show", "--root", "--dir", dir.toString()).contains("revoked: 0"));
    }

    @Test
    void crlRevokeRefusesAnotherCasCertificateAndAnUnknownReason() throws Exception {
        init();
        Path other = dir.resolve("other");
        pki("init", "--dir", other.toString(), "--name", "Other");
        pki("issue-user", "--dir", other.toString(), "--upn", "eve@lab.example");
        IOException e = assertThrows(IOException.class, () -> pki("crl", "revoke",
                new LabLayout(other).user("eve").certificate().toString(), "--dir", dir.toString()));
        assertTrue(e.getMessage().contains("not by this issuing CA"), e.getMessage());
        assertThrows(UsageException.class, () -> pki("crl", "revoke", "0A", "--reason", "lostIt", "--dir",
                dir.toString()));
    }

    @Test
    void exportCaWritesTheRootTheIssuingCaOrTheChainAsPemOrDer() throws Exception {
        init();
        X509Certificate root = certificate(layout().rootCertificate());
        X509Certificate issuing = certificate(layout().issuingCertificate());
        assertTrue(pki("export-ca", "--dir", dir.toString()).startsWith("-----BEGIN CERTIFICATE-----"));
        Path chain = dir.resolve("chain.pem");
        pki("export-ca", "--dir", dir.toString(), "--chain", "--out", chain.toString());
        assertEquals(List.of(issuing, root), PemFiles.certificates(chain));
        Path der = dir.resolve("issuing.cer");
        pki("export-ca", "--dir", dir.toString(), "--issuing", "--der", "--out", der.toString());
        assertArrayEquals(issuing.getEncoded(), Files.readAllBytes(der));
        assertThrows(UsageException.class, () -> pki("export-ca", "--dir", dir.toString(), "--chain", "--der",
                "--out", der.toString()));
    }

    @Test
    void aFolderWithoutCaIsAClearErrorAndBadOptionsAreUsageErrors() throws Exception {
        IOException e = assertThrows(IOException.class, () -> pki("issue-user", "--dir", dir.toString(), "--upn",
                "a@b.c"));
        assertTrue(e.getMessage().contains("pki init"), e.getMessage());
        assertThrows(UsageException.class, () -> pki("issue-user", "--dir", dir.toString()));
        assertThrows(UsageException.class, () -> pki("issue-user", "--upn", "a@b.c", "--no-san"));
        assertThrows(UsageException.class, () -> pki("issue-kdc", "--fqdn", "dc01"));
        assertThrows(UsageException.class, () -> pki("init", "--key-size", "1024"));
        assertThrows(UsageException.class, () -> pki("init", "--frobnicate"));
        assertThrows(UsageException.class, () -> pki("frobnicate"));
        assertTrue(pki("issue-user", "--help").contains("--no-san"));
    }

    private static List<String> printed(String out, String heading) {
        List<String> lines = out.lines().toList();
        int start = lines.indexOf(heading);
        assertTrue(start >= 0, out);
        return lines.subList(start + 1, lines.size()).stream().takeWhile(l -> l.startsWith("  X509:"))
                .map(String::strip).toList();
    }

    private static RuleEvaluation evaluate(X509Certificate cert, String altSecurityIdentity) {
        DirectoryAccount account = new DirectoryAccount("CN=frank,CN=Users,DC=lab,DC=example", "frank",
                Optional.empty(), Map.of("altSecurityIdentities", List.of(altSecurityIdentity)));
        return new AltSecurityIdentitiesRule().evaluate(CertificateIdentity.of(cert), account);
    }

    private static Duration lifetime(X509Certificate c) {
        return Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant());
    }
}
