package dev.pkinitkdc.kdc.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.lab.CertificateBuilder;
import dev.pkinitkdc.kdc.lab.CertifiedKey;
import dev.pkinitkdc.kdc.lab.LabOids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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

    private static CertificatePathValidator validator(List<CertifiedKey> pool, Clock clock) {
        return new CertificatePathValidator(List.of(root.certificate()),
                pool.stream().map(CertifiedKey::certificate).toList(), new KeyPurposePolicy(), clock);
    }

    @Test
    void buildsThePathThroughTheIntermediateFromTheRequestOrThePool() throws Exception {
        CertifiedKey u = user().issuedBy(issuing);
        ValidatedCertificate fromRequest = validator(List.of(), Clock.systemUTC())
                .validate(u.certificate(), List.of(issuing.certificate()));
        assertEquals(2, fromRequest.path().size());
        assertEquals(root.certificate(), fromRequest.anchor());
        ValidatedCertificate fromPool = validator(List.of(issuing), Clock.systemUTC()).validate(u.certificate(), List.of());
        assertEquals(fromRequest.path(), fromPool.path());
    }

    @Test
    void noPathToAnAnchorCannotBeVerified() {
        CertifiedKey otherRoot = CertificateBuilder.withNewKey("CN=Other Root").ca(null).selfSigned();
        CertifiedKey u = user().issuedBy(otherRoot);
        KdcFailure f = assertThrows(KdcFailure.class, () -> validator(List.of(issuing), Clock.systemUTC())
                .validate(u.certificate(), List.of(otherRoot.certificate())));
        assertEquals(FailureReason.CANT_VERIFY_CERTIFICATE, f.reason());
        KdcFailure missingIntermediate = assertThrows(KdcFailure.class, () -> validator(List.of(), Clock.systemUTC())
                .validate(user().issuedBy(issuing).certificate(), List.of()));
        assertEquals(FailureReason.CANT_VERIFY_CERTIFICATE, missingIntermediate.reason());
    }

    @Test
    void anExpiredOrNotYetValidCertificateIsInvalid() {
        CertifiedKey u = user().issuedBy(issuing);
        Clock later = Clock.fixed(u.certificate().getNotAfter().toInstant().plus(Duration.ofDays(1)), ZoneOffset.UTC);
        Clock earlier = Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
        for (Clock clock : List.of(later, earlier)) {
            KdcFailure f = assertThrows(KdcFailure.class,
                    () -> validator(List.of(issuing), clock).validate(u.certificate(), List.of()));
            assertEquals(FailureReason.CERTIFICATE_INVALID, f.reason());
        }
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
                CertificateBuilder.withNewKey("CN=u").extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON)
                        .keyUsage(KeyUsage.keyEncipherment))) {
            KdcFailure f = assertThrows(KdcFailure.class, () -> policy.check(bad.issuedBy(issuing).certificate()));
            assertEquals(FailureReason.KEY_PURPOSE_INCONSISTENT, f.reason());
        }
    }
}
