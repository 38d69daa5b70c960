package dev.pkinitkdc.mapping.altsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.mapping.TestCerts;
import dev.pkinitkdc.mapping.method.MappingMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * altSecurityIdentities values as Microsoft publishes them ({@code altsec/microsoft-vectors.properties}, with
 * their sources): each names the certificate it was written for, the formatter writes exactly that text, the
 * strength is KB5014754's, and {@code <SHA1-PUKEY>} is the certificate's SHA-1 fingerprint as OpenSSL computes it.
 */
class AltSecurityIdentityVectorsTest {
    private static final Properties VECTORS = load("/altsec/microsoft-vectors.properties");

    /** The blog's user: its DNs, the SKI of its {@code <SKI>} vector, the serial its {@code <SR>} stores reversed. */
    private static final X509Certificate GMAN = TestCerts.builder()
            .issuer("DC=local,DC=dod,CN=SpatDoD Root CA").subject("CN=gman")
            .serial(new BigInteger("10e8bd03000000000032", 16))
            .ski(HexFormat.of().parseHex("ddde2ca4b86db8a908b95c6cbcc8bb1ac7a09a41")).build();

    /** The Entra page's user mfatest under CONTOSO-DC-CA, with its e-mail address. */
    private static final X509Certificate MFATEST = TestCerts.builder()
            .issuer("DC=com,DC=contoso,CN=CONTOSO-DC-CA").subject("DC=com,DC=contoso,OU=UserAccounts,CN=mfatest")
            .email("user@woodgrove.com").build();

    private static String vector(String key) {
        String value = VECTORS.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no vector " + key);
        }
        return value;
    }

    private static AltSecurityIdentity parsed(String key) {
        return valid(vector(key));
    }

    private static List<String> written(List<AltSecurityIdentity> forms) {
        return forms.stream().map(AltSecurityIdentity::adValue).toList();
    }

    /** AD compares hex case-insensitively and the blog writes it lower-case; the DNs are compared as written. */
    private static void assertWritten(String key, String actual) {
        assertWrittenValue(vector(key), actual);
    }

    private static void assertWrittenValue(String expected, String actual) {
        assertEquals(expected.toUpperCase(Locale.ROOT), actual.toUpperCase(Locale.ROOT));
    }

    @Test
    void theBlogsValuesNameTheirCertificateAndAreWhatTheFormatterWrites() {
        CertificateIdentity gman = CertificateIdentity.of(GMAN);
        for (String key : List.of("blog.issuer-subject", "blog.subject", "blog.ski", "blog.issuer-serial")) {
            assertTrue(parsed(key).matches(gman), key);
        }
        List<String> strong = written(AltSecurityIdentity.strongForms(GMAN));
        assertWritten("blog.issuer-serial", strong.get(0));
        assertWritten("blog.ski", strong.get(1));
        List<String> weak = written(AltSecurityIdentity.weakForms(GMAN));
        assertEquals(List.of(vector("blog.issuer-subject"), vector("blog.subject")), weak);
    }

    @Test
    void theEntraValuesNameTheirCertificateAndAreWhatTheFormatterWrites() {
        CertificateIdentity mfatest = CertificateIdentity.of(MFATEST);
        for (String key : List.of("entra.issuer-subject", "entra.subject", "entra.rfc822")) {
            assertTrue(parsed(key).matches(mfatest), key);
        }
        assertEquals(List.of(vector("entra.issuer-subject"), vector("entra.subject"), vector("entra.rfc822")),
                written(AltSecurityIdentity.weakForms(MFATEST)));
    }

    @Test
    void issuerSerialStoresTheSerialsBytesReversed() {
        BigInteger serial = new BigInteger(vector("kb.certificate-serial"), 16);
        X509Certificate kb = TestCerts.builder().issuer("DC=com,DC=contoso,CN=CONTOSO-DC-CA").serial(serial).build();
        assertTrue(parsed("kb.issuer-serial").matches(CertificateIdentity.of(kb)));
        assertWritten("kb.issuer-serial", written(AltSecurityIdentity.strongForms(kb)).get(0));

        // the stored text read as a big-endian serial names another certificate
        String stored = vector("kb.issuer-serial").substring(vector("kb.issuer-serial").indexOf("<SR>") + 4);
        X509Certificate forward = TestCerts.builder().issuer("DC=com,DC=contoso,CN=CONTOSO-DC-CA")
                .serial(new BigInteger(stored, 16)).build();
        assertFalse(parsed("kb.issuer-serial").matches(CertificateIdentity.of(forward)));
    }

    @Test
    void strengthAndMethodAreKb5014754s() {
        Map<String, MappingMethod> weak = Map.of("blog.issuer-subject", MappingMethod.ALT_ISSUER_SUBJECT,
                "entra.issuer-subject", MappingMethod.ALT_ISSUER_SUBJECT, "blog.subject", MappingMethod.ALT_SUBJECT,
                "entra.subject", MappingMethod.ALT_SUBJECT, "entra.rfc822", MappingMethod.ALT_RFC822);
        Map<String, MappingMethod> strong = Map.of("blog.issuer-serial", MappingMethod.ALT_ISSUER_SERIAL,
                "kb.issuer-serial", MappingMethod.ALT_ISSUER_SERIAL, "blog.ski", MappingMethod.ALT_SKI,
                "blog.sha1-pukey", MappingMethod.ALT_SHA1_PUKEY);
        weak.forEach((key, method) -> {
            assertEquals(method, parsed(key).method(), key);
            assertFalse(parsed(key).strong(), key);
        });
        strong.forEach((key, method) -> {
            assertEquals(method, parsed(key).method(), key);
            assertTrue(parsed(key).strong(), key);
        });
    }

    @Test
    void sha1PukeyIsTheCertificatesSha1FingerprintAsOpenSslComputesItNotAKeyHash() throws Exception {
        byte[] der = GMAN.getEncoded();
        String fingerprint = OpenSslCli.digestHex(
                OpenSslCli.run(der, "x509", "-inform", "DER", "-noout", "-fingerprint", "-sha1"));
        assertEquals(40, fingerprint.length(), fingerprint);
        assertWrittenValue("X509:<SHA1-PUKEY>" + fingerprint, written(AltSecurityIdentity.strongForms(GMAN)).get(2));
        CertificateIdentity gman = CertificateIdentity.of(GMAN);
        assertTrue(valid("X509:<SHA1-PUKEY>" + fingerprint).matches(gman));

        // what the name suggests and Samba first did: SHA-1 of the public key (SubjectPublicKeyInfo DER)
        byte[] spki = OpenSslCli.run(OpenSslCli.run(der, "x509", "-inform", "DER", "-noout", "-pubkey"),
                "pkey", "-pubin", "-outform", "DER");
        String keyHash = OpenSslCli.digestHex(OpenSslCli.run(spki, "dgst", "-sha1"));
        assertNotEquals(fingerprint, keyHash);
        assertFalse(valid("X509:<SHA1-PUKEY>" + keyHash).matches(gman));
    }

    private static AltSecurityIdentity valid(String value) {
        return assertInstanceOf(AltSecurityIdentity.Valid.class, AltSecurityIdentity.parse(value), value).identity();
    }

    private static Properties load(String resource) {
        try (InputStream in = AltSecurityIdentityVectorsTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the test classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
