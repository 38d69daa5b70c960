package dev.pkinitkdc.revocation.crl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/** The DER walk, the index and the signature check of {@link CertificateList} (RFC 5280 5.1, 5.3). */
class CertificateListTest {
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void serialsOfEveryLengthAreFoundWithTheirDateAndReason() throws Exception {
        List<BigInteger> serials = List.of(BigInteger.ONE, BigInteger.valueOf(0x7f), BigInteger.valueOf(0x80),
                BigInteger.valueOf(0xff), BigInteger.valueOf(0x8000), new BigInteger("00ff".repeat(10), 16),
                new BigInteger(1, new byte[20]).setBit(158), BigInteger.TWO.pow(159).subtract(BigInteger.ONE));
        CrlBuilder builder = CrlBuilder.by(TestPki.ca()).validity(NOW, NOW.plus(Duration.ofHours(1)));
        int[] reasons = {CRLReason.keyCompromise, CRLReason.unspecified, CRLReason.certificateHold,
            CRLReason.superseded, CRLReason.cACompromise, CRLReason.affiliationChanged,
            CRLReason.cessationOfOperation, CRLReason.privilegeWithdrawn};
        for (int i = 0; i < serials.size(); i++) {
            builder.revoke(serials.get(i), NOW.minus(Duration.ofDays(i + 1)), reasons[i]);
        }
        CertificateList crl = CertificateList.parse(builder.build().getEncoded());

        assertEquals(serials.size(), crl.revoked().size());
        for (int i = 0; i < serials.size(); i++) {
            int entry = crl.revoked().indexOf(serials.get(i));
            assertTrue(entry >= 0, "serial " + serials.get(i).toString(16));
            assertEquals(serials.get(i), crl.revoked().serial(entry));
            assertEquals(NOW.minus(Duration.ofDays(i + 1)).getEpochSecond(), crl.revoked().revocationDate(entry));
        }
        assertEquals("keyCompromise", ReasonCode.name(crl.revoked().reason(crl.revoked().indexOf(serials.get(0)))));
        assertEquals(ReasonCode.ABSENT, crl.revoked().reason(crl.revoked().indexOf(serials.get(1))));
        assertEquals("certificateHold", ReasonCode.name(crl.revoked().reason(crl.revoked().indexOf(serials.get(2)))));
        for (BigInteger absent : List.of(BigInteger.TWO, BigInteger.valueOf(0x7e), BigInteger.valueOf(0x81),
                BigInteger.valueOf(0x80).negate(), BigInteger.ZERO, BigInteger.TWO.pow(159))) {
            assertEquals(-1, crl.revoked().indexOf(absent), "absent " + absent);
        }
        assertEquals(NOW, crl.thisUpdate());
        assertEquals(NOW.plus(Duration.ofHours(1)), crl.nextUpdate().orElseThrow());
        assertEquals(TestPki.ca().certificate().getSubjectX500Principal(), crl.issuer());
    }

    @Test
    void aHundredThousandEntriesAgreeWithBouncyCastle() throws Exception {
        Random random = new Random(5);
        CrlBuilder builder = CrlBuilder.by(TestPki.ca()).number(42).validity(NOW, NOW.plus(Duration.ofDays(7)));
        Set<BigInteger> unique = new LinkedHashSet<>();
        while (unique.size() < 100_000) {
            unique.add(new BigInteger(8 + random.nextInt(120), random).add(BigInteger.ONE));
        }
        List<BigInteger> serials = new ArrayList<>(unique);
        for (int i = 0; i < serials.size(); i++) {
            builder.revoke(serials.get(i), NOW.minusSeconds(i), i % 11 == 7 ? CRLReason.unspecified : i % 11);
        }
        X509CRL reference = builder.build();
        CertificateList crl = CertificateList.parse(reference.getEncoded());
        crl.verify(TestPki.ca().certificate());

        assertEquals(reference.getRevokedCertificates().size(), crl.revoked().size());
        assertEquals(BigInteger.valueOf(42), crl.number());
        for (int i = 0; i < serials.size(); i += 97) {
            X509CRLEntry expected = reference.getRevokedCertificate(serials.get(i));
            int entry = crl.revoked().indexOf(serials.get(i));
            assertEquals(expected.getRevocationDate().toInstant().getEpochSecond(),
                    crl.revoked().revocationDate(entry));
            int reason = expected.getRevocationReason() == null ? ReasonCode.ABSENT
                    : expected.getRevocationReason().ordinal();
            assertEquals(reason, crl.revoked().reason(entry));
        }
        for (int i = 0; i < 1000; i++) {
            BigInteger probe = new BigInteger(64, random).setBit(200);
            assertEquals(-1, crl.revoked().indexOf(probe));
        }
        assertTrue(crl.revoked().retainedBytes() < 100_000L * 60, "lean: " + crl.revoked().retainedBytes());
    }

    @Test
    void aPemCrlReadsLikeItsDer() throws Exception {
        X509CRL built = CrlBuilder.by(TestPki.ca()).revoke(BigInteger.TEN, NOW, CRLReason.keyCompromise).build();
        String pem = "-----BEGIN X509 CRL-----\n" + Base64.getMimeEncoder().encodeToString(built.getEncoded())
                + "\n-----END X509 CRL-----\n";
        CertificateList crl = CertificateList.parse(pem.getBytes(StandardCharsets.US_ASCII));
        crl.verify(TestPki.ca().certificate());
        assertTrue(crl.revoked().indexOf(BigInteger.TEN) >= 0);
    }

    @Test
    void theSignatureMustBeTheIssuersAndTheIssuerMayHaveToHoldCrlSign() throws Exception {
        X509CRL built = CrlBuilder.by(TestPki.ca()).build();
        CertifiedKey impostor = CertificateBuilder.withNewKey("CN=CRL Test CA,DC=lab,DC=example").ca(0)
                .selfSigned();
        UnusableCrlException wrongKey = assertThrows(UnusableCrlException.class,
                () -> CertificateList.parse(built.getEncoded()).verify(impostor.certificate()));
        assertTrue(wrongKey.getMessage().contains("does not verify"), wrongKey.getMessage());

        CertificateList crl = CertificateList.parse(built.getEncoded());
        crl.verify(TestPki.ca().certificate());
        UnusableCrlException afterVerified = assertThrows(UnusableCrlException.class,
                () -> crl.verify(impostor.certificate()));
        assertTrue(afterVerified.getMessage().contains("another key"), afterVerified.getMessage());

        CertifiedKey noCrlSign = CertificateBuilder.withNewKey("CN=No CRL Sign CA").ca(0)
                .keyUsage(KeyUsage.keyCertSign).selfSigned();
        UnusableCrlException usage = assertThrows(UnusableCrlException.class,
                () -> CertificateList.parse(CrlBuilder.by(noCrlSign).build().getEncoded())
                        .verify(noCrlSign.certificate()));
        assertTrue(usage.getMessage().contains("cRLSign"), usage.getMessage());
    }

    @Test
    void aTamperedCrlFailsItsSignature() throws Exception {
        byte[] der = CrlBuilder.by(TestPki.ca()).revoke(BigInteger.valueOf(77), NOW, CRLReason.keyCompromise)
                .build().getEncoded();
        int at = indexOf(der, new byte[] {0x02, 0x01, 77});
        der[at + 2] = 78;
        CertificateList tampered = CertificateList.parse(der);
        assertThrows(UnusableCrlException.class, () -> tampered.verify(TestPki.ca().certificate()));
    }

    @Test
    void indirectCrlsAndUnknownCriticalExtensionsAreRefused() throws Exception {
        Extensions certificateIssuer = new Extensions(new Extension(Extension.certificateIssuer, true,
                new GeneralNames(new GeneralName(new X500Name("CN=Other CA"))).getEncoded()));
        byte[] indirect = CrlBuilder.by(TestPki.ca()).revoke(BigInteger.TWO, NOW, certificateIssuer).build()
                .getEncoded();
        assertTrue(assertThrows(UnusableCrlException.class, () -> CertificateList.parse(indirect)).getMessage()
                .contains("indirect"));

        Extension unknown = new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), true,
                new DERUTF8String("x").getEncoded());
        byte[] critical = CrlBuilder.by(TestPki.ca()).extension(unknown).build().getEncoded();
        assertTrue(assertThrows(UnusableCrlException.class, () -> CertificateList.parse(critical)).getMessage()
                .contains("unknown critical"));

        Extension nonCritical = new Extension(new ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"), false,
                new DERUTF8String("x").getEncoded());
        CertificateList tolerated = CertificateList.parse(CrlBuilder.by(TestPki.ca()).extension(nonCritical).build()
                .getEncoded());
        assertFalse(tolerated.isDelta());
    }

    @Test
    void malformedBytesAreUnusableNotACrash() {
        assertThrows(UnusableCrlException.class, () -> CertificateList.parse(new byte[] {0x30, 0x05, 0x02}));
        assertThrows(UnusableCrlException.class, () -> CertificateList.parse("hello".getBytes()));
        assertThrows(UnusableCrlException.class, () -> CertificateList.parse(new byte[0]));
    }

    @Test
    void utcTimeAndGeneralizedTimeAreEpochSeconds() {
        assertEquals(Instant.parse("2049-12-31T23:59:59Z").getEpochSecond(),
                DerTime.daysFromCivil(2049, 12, 31) * 86_400 + 86_399);
        assertEquals(0, DerTime.daysFromCivil(1970, 1, 1));
        assertEquals(Instant.parse("2000-03-01T00:00:00Z").getEpochSecond() / 86_400,
                DerTime.daysFromCivil(2000, 3, 1));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (java.util.Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }
}
