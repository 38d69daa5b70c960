package dev.pkinitkdc.kdc.stage.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.ValidatedCertificate;
import dev.pkinitkdc.kdc.tool.labpki.LabOids;
import dev.pkinitkdc.pkinit.asn1.TypedData;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.revocation.testing.MutableClock;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CertificatePathValidatorTest {
    static CertifiedKey root;
    static CertifiedKey issuing;

    @BeforeAll
    static void pki() {
        root = CertificateBuilder.withNewKey("CN=Test Root").ca(null).selfSigned();
        issuing = CertificateBuilder.withNewKey("CN=Test Issuing").ca(0).issuedBy(root);
    }

    private static CertificateBuilder user() {
        return CertificateBuilder.withNewKey("CN=user")
                .extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON)
                .keyUsage(KeyUsage.digitalSignature);
    }

    private static CertificatePathValidator validator(List<CertifiedKey> pool, Clock clock, boolean sha1, boolean noEku) {
        return validator(pool, clock, sha1, noEku, List.of());
    }

    private static CertificatePathValidator validator(List<CertifiedKey> pool, Clock clock, boolean sha1, boolean noEku,
                                                      List<String> allowed) {
        return validator(pool, clock, sha1, noEku, allowed, Duration.ZERO);
    }

    private static CertificatePathValidator validator(List<CertifiedKey> pool, Clock clock, boolean sha1, boolean noEku,
                                                      List<String> allowed, Duration skew) {
        return new CertificatePathValidator(List.of(root.certificate()),
                pool.stream().map(CertifiedKey::certificate).toList(), new KeyPurposePolicy(noEku),
                new SignatureDigestPolicy(sha1), new CaAllowList(allowed), Optional.empty(), new PathLimits(5, skew), clock);
    }

    private static CertificatePathValidator validator(List<CertifiedKey> pool) {
        return validator(pool, Clock.systemUTC(), false, false);
    }

    private static KdcFailure refused(CertificatePathValidator v, X509Certificate cert, List<X509Certificate> bundled) {
        return assertThrows(KdcFailure.class, () -> v.validate(cert, bundled));
    }

    /** The data-type of the first TYPED-DATA element in a failure's e-data. */
    private static int typedDataType(KdcFailure f) {
        assertNotNull(f.eData(), "e-data");
        ASN1Sequence first = ASN1Sequence.getInstance(ASN1Sequence.getInstance(f.eData()).getObjectAt(0));
        return ASN1Integer.getInstance(ASN1TaggedObject.getInstance(first.getObjectAt(0)).getExplicitBaseObject())
                .intValueExact();
    }

    @Test
    void buildsThePathThroughTheIntermediateFromTheRequestOrThePool() throws Exception {
        CertifiedKey u = user().issuedBy(issuing);
        ValidatedCertificate fromRequest = validator(List.of()).validate(u.certificate(), List.of(issuing.certificate()));
        assertEquals(2, fromRequest.path().size());
        assertEquals(root.certificate(), fromRequest.anchor());
        ValidatedCertificate fromPool = validator(List.of(issuing)).validate(u.certificate(), List.of());
        assertEquals(fromRequest.path(), fromPool.path());
    }

    @Test
    void noPathToAnAnchorCannotBeVerifiedAndNamesTheTrustedCertifiers() {
        CertifiedKey otherRoot = CertificateBuilder.withNewKey("CN=Other Root").ca(null).selfSigned();
        KdcFailure f = refused(validator(List.of(issuing)), user().issuedBy(otherRoot).certificate(),
                List.of(otherRoot.certificate()));
        assertEquals(FailureReason.CANT_VERIFY_CERTIFICATE, f.reason());
        assertEquals(TypedData.TD_TRUSTED_CERTIFIERS, typedDataType(f));
        KdcFailure missing = refused(validator(List.of()), user().issuedBy(issuing).certificate(), List.of());
        assertEquals(FailureReason.CANT_VERIFY_CERTIFICATE, missing.reason());
        assertTrue(missing.text().contains("CN=Test Issuing"), missing.text());
    }

    @Test
    void aCertificateWhoseSignatureDoesNotVerifyIsInvalid() {
        CertifiedKey impostor = CertificateBuilder.withNewKey("CN=Test Issuing").ca(0).selfSigned();
        KdcFailure f = refused(validator(List.of(issuing)), user().issuedBy(impostor).certificate(), List.of());
        assertEquals(FailureReason.CERTIFICATE_INVALID, f.reason());
        assertEquals(TypedData.TD_INVALID_CERTIFICATES, typedDataType(f));
        assertTrue(f.text().contains("does not verify"), f.text());
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsInvalid() {
        CertifiedKey u = user().issuedBy(issuing);
        Clock later = Clock.fixed(u.certificate().getNotAfter().toInstant().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        Clock earlier = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
        for (Clock clock : List.of(later, earlier)) {
            KdcFailure f = refused(validator(List.of(issuing), clock, false, false), u.certificate(), List.of());
            assertEquals(FailureReason.CERTIFICATE_INVALID, f.reason());
        }
    }

    @Test
    void aValiditySkewAcceptsACertificateThatStartsOrEndsWithinIt() throws Exception {
        Instant now = Instant.now();
        CertifiedKey future = user().validity(now.plus(Duration.ofMinutes(2)), now.plus(Duration.ofDays(1))).issuedBy(issuing);
        CertifiedKey past = user().validity(now.minus(Duration.ofDays(1)), now.minus(Duration.ofMinutes(2))).issuedBy(issuing);
        for (CertifiedKey c : List.of(future, past)) {
            KdcFailure f = refused(validator(List.of(issuing)), c.certificate(), List.of());
            assertEquals(FailureReason.CERTIFICATE_INVALID, f.reason());
            validator(List.of(issuing), Clock.systemUTC(), false, false, List.of(), Duration.ofMinutes(5))
                    .validate(c.certificate(), List.of());
            KdcFailure beyond = refused(validator(List.of(issuing), Clock.systemUTC(), false, false, List.of(),
                    Duration.ofMinutes(1)), c.certificate(), List.of());
            assertEquals(FailureReason.CERTIFICATE_INVALID, beyond.reason());
        }
    }

    @Test
    void anExpiredIssuingCaMakesThePathInvalid() {
        Instant now = Instant.now();
        CertifiedKey oldCa = CertificateBuilder.withNewKey("CN=Old Issuing").ca(0)
                .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).issuedBy(root);
        CertifiedKey u = user().validity(now.minus(Duration.ofDays(2)), now.plus(Duration.ofDays(2))).issuedBy(oldCa);
        KdcFailure f = refused(validator(List.of(oldCa)), u.certificate(), List.of());
        assertEquals(FailureReason.CERTIFICATE_INVALID, f.reason());
        assertTrue(f.text().contains("CN=Old Issuing"), f.text());
    }

    @Test
    void aValidatedPathIsRememberedOnlyWhileEveryCertificateOnItIsValid() throws Exception {
        Instant now = Instant.now();
        CertifiedKey shortCa = CertificateBuilder.withNewKey("CN=Short Issuing").ca(0)
                .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1))).issuedBy(root);
        CertifiedKey u = user().validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10))).issuedBy(shortCa);
        MutableClock clock = new MutableClock(now);
        CertificatePathValidator v = validator(List.of(shortCa), clock, false, false);
        ValidatedCertificate first = v.validate(u.certificate(), List.of());
        assertEquals(first, v.validate(u.certificate(), List.of()), "the second logon is served from the cache");
        assertEquals(1, v.cachedPaths());
        assertEquals(1, v.cacheCounts().hits());
        assertEquals(1, v.cacheCounts().misses());
        v.validate(u.certificate(), List.of(shortCa.certificate()));
        assertEquals(2, v.cachedPaths(), "another bundle is another path");
        assertEquals(2, v.cacheCounts().misses());

        clock.advance(Duration.ofDays(2));   // the issuing CA has expired, the user certificate has not
        KdcFailure f = refused(v, u.certificate(), List.of());
        assertEquals(FailureReason.CERTIFICATE_INVALID, f.reason());
        assertTrue(f.text().contains("CN=Short Issuing"), f.text());
    }

    @Test
    void anAllowListTrustsOnlyTheListedCas() throws Exception {
        CertifiedKey otherIssuing = CertificateBuilder.withNewKey("CN=Other Issuing").ca(0).issuedBy(root);
        String issuingThumbprint = dev.pkinitkdc.kdc.support.identity.KdcCertificateCheck.thumbprint(issuing.certificate());
        CertificatePathValidator onlyIssuing = validator(List.of(issuing, otherIssuing), Clock.systemUTC(), false,
                false, List.of(issuingThumbprint));
        onlyIssuing.validate(user().issuedBy(issuing).certificate(), List.of());
        KdcFailure f = refused(onlyIssuing, user().issuedBy(otherIssuing).certificate(), List.of());
        assertEquals(FailureReason.CLIENT_NOT_TRUSTED, f.reason());
        String rootThumbprint = dev.pkinitkdc.kdc.support.identity.KdcCertificateCheck.thumbprint(root.certificate());
        validator(List.of(otherIssuing), Clock.systemUTC(), false, false, List.of(rootThumbprint))
                .validate(user().issuedBy(otherIssuing).certificate(), List.of());
    }

    @Test
    void sha1SignedCertificatesAreRefusedWith78UnlessAllowed() throws Exception {
        CertifiedKey sha1User = user().signatureAlgorithm("SHA1withRSA").issuedBy(issuing);
        KdcFailure f = refused(validator(List.of(issuing)), sha1User.certificate(), List.of());
        assertEquals(FailureReason.DIGEST_IN_CERT_NOT_ACCEPTED, f.reason());
        validator(List.of(issuing), Clock.systemUTC(), true, false).validate(sha1User.certificate(), List.of());
        CertifiedKey sha1Ca = CertificateBuilder.withNewKey("CN=SHA1 Issuing").ca(0).signatureAlgorithm("SHA1withRSA")
                .issuedBy(root);
        KdcFailure viaCa = refused(validator(List.of(sha1Ca)), user().issuedBy(sha1Ca).certificate(), List.of());
        assertEquals(FailureReason.DIGEST_IN_CERT_NOT_ACCEPTED, viaCa.reason());
        assertTrue(viaCa.text().contains("CN=SHA1 Issuing"), viaCa.text());
    }

    @Test
    void keyPurposesMustIncludeALogonEkuAndDigitalSignature() throws Exception {
        KeyPurposePolicy policy = new KeyPurposePolicy();
        policy.check(user().issuedBy(issuing).certificate());
        policy.check(CertificateBuilder.withNewKey("CN=u").extendedKeyUsages(LabOids.ID_PKINIT_KP_CLIENT_AUTH)
                .issuedBy(issuing).certificate());
        for (CertificateBuilder bad : List.of(
                CertificateBuilder.withNewKey("CN=u").extendedKeyUsages(KeyPurposeId.id_kp_serverAuth),
                CertificateBuilder.withNewKey("CN=u").keyUsage(KeyUsage.digitalSignature),
                CertificateBuilder.withNewKey("CN=u").extendedKeyUsages(KeyPurposeId.id_kp_clientAuth),
                CertificateBuilder.withNewKey("CN=u").extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON)
                        .keyUsage(KeyUsage.keyEncipherment))) {
            KdcFailure f = assertThrows(KdcFailure.class, () -> policy.check(bad.issuedBy(issuing).certificate()));
            assertEquals(FailureReason.KEY_PURPOSE_INCONSISTENT, f.reason());
        }
    }

    @Test
    void allowNoEkuAlsoAcceptsAnyPurposeAndClientAuthButNotServerAuth() throws Exception {
        KeyPurposePolicy loose = new KeyPurposePolicy(true);
        loose.check(CertificateBuilder.withNewKey("CN=u").keyUsage(KeyUsage.digitalSignature).issuedBy(issuing).certificate());
        loose.check(CertificateBuilder.withNewKey("CN=u").extendedKeyUsages(KeyPurposeId.anyExtendedKeyUsage)
                .issuedBy(issuing).certificate());
        loose.check(CertificateBuilder.withNewKey("CN=u").extendedKeyUsages(KeyPurposeId.id_kp_clientAuth)
                .issuedBy(issuing).certificate());
        KdcFailure f = assertThrows(KdcFailure.class, () -> loose.check(CertificateBuilder.withNewKey("CN=u")
                .extendedKeyUsages(KeyPurposeId.id_kp_serverAuth).issuedBy(issuing).certificate()));
        assertEquals(FailureReason.KEY_PURPOSE_INCONSISTENT, f.reason());
    }
}
