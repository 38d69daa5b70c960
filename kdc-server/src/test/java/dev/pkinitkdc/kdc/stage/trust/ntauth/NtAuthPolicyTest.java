package dev.pkinitkdc.kdc.stage.trust.ntauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.ValidatedCertificate;
import dev.pkinitkdc.kdc.stage.trust.CaAllowList;
import dev.pkinitkdc.kdc.stage.trust.CertificatePathValidator;
import dev.pkinitkdc.kdc.stage.trust.KeyPurposePolicy;
import dev.pkinitkdc.kdc.stage.trust.PathLimits;
import dev.pkinitkdc.kdc.stage.trust.SignatureDigestPolicy;
import dev.pkinitkdc.kdc.support.identity.KdcCertificateCheck;
import dev.pkinitkdc.kdc.tool.labpki.LabOids;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MS-PKCA 3.1.5.2.1.1: the CA that issued the logon certificate must be in NTAuth; the root alone is not enough. */
class NtAuthPolicyTest {
    static CertifiedKey root;
    static CertifiedKey issuing;

    @BeforeAll
    static void pki() {
        root = CertificateBuilder.withNewKey("CN=NTAuth Test Root").ca(null).selfSigned();
        issuing = CertificateBuilder.withNewKey("CN=NTAuth Test Issuing").ca(0).issuedBy(root);
    }

    private static X509Certificate user(CertifiedKey issuer) {
        return CertificateBuilder.withNewKey("CN=user").extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON)
                .keyUsage(KeyUsage.digitalSignature).issuedBy(issuer).certificate();
    }

    /** The real validator: path built first, then the NTAuth rule. */
    private static ValidatedCertificate validated(X509Certificate cert) throws KdcFailure {
        return new CertificatePathValidator(List.of(root.certificate()), List.of(issuing.certificate()),
                new KeyPurposePolicy(), new SignatureDigestPolicy(false), new CaAllowList(List.of()),
                java.util.Optional.empty(), PathLimits.defaults(), Clock.systemUTC()).validate(cert, List.of());
    }

    private static NtAuthPolicy storeWith(CertifiedKey... cas) {
        NtAuthStore store = NtAuthStore.of(java.util.Arrays.stream(cas).map(CertifiedKey::certificate).toList());
        return new NtAuthPolicy(() -> store, "test");
    }

    @Test
    void theIssuingCaInTheStoreIsAccepted() throws Exception {
        String fact = storeWith(issuing).check(validated(user(issuing)));
        assertEquals("ok " + KdcCertificateCheck.thumbprint(issuing.certificate()), fact);
    }

    @Test
    void onlyTheRootInTheStoreIsRefusedWith62NamingTheIssuingCa() throws Exception {
        ValidatedCertificate v = validated(user(issuing));
        KdcFailure f = assertThrows(KdcFailure.class, () -> storeWith(root).check(v));
        assertEquals(FailureReason.CLIENT_NOT_TRUSTED, f.reason());
        assertTrue(f.text().contains("CN=NTAuth Test Issuing"), f.text());
        assertTrue(f.text().contains(KdcCertificateCheck.thumbprint(issuing.certificate())), f.text());
    }

    @Test
    void anEndEntityIssuedDirectlyByAnAnchorInTheStoreIsAccepted() throws Exception {
        ValidatedCertificate v = validated(user(root));
        assertEquals(root.certificate(), NtAuthPolicy.issuingCa(v));
        assertEquals("ok " + KdcCertificateCheck.thumbprint(root.certificate()), storeWith(root).check(v));
        assertThrows(KdcFailure.class, () -> storeWith(issuing).check(v));
    }

    @Test
    void offChecksNothing() throws Exception {
        assertEquals("off", NtAuthPolicy.off().check(validated(user(issuing))));
    }
}
