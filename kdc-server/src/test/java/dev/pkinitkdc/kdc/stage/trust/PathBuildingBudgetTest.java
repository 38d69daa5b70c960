package dev.pkinitkdc.kdc.stage.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.tool.labpki.LabOids;
import dev.pkinitkdc.pkinit.asn1.ExternalPrincipalIdentifiers;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.KeyPairs;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * An attacker's lattice: CA certificates the client makes itself, under a few subject names, all certifying one
 * key, so each name's certificates are issued by every certificate of another name (same AKI and SKI, every
 * signature verifies). Distinct subjectAltNames keep the JDK builder's "same subject, key and SANs" loop check
 * from pruning them. The paths from the client certificate number in the thousands with ten certificates (the
 * JDK builder spent about 2 s on one request) and grow as (certificates per name)^(2 x max_path_length); none
 * reaches an anchor. The search must stop at its budget and answer 70.
 */
class PathBuildingBudgetTest {
    private static final CertifiedKey ROOT = CertificateBuilder.withNewKey("CN=Budget Root").ca(null).selfSigned();
    private static final CertifiedKey ISSUING = CertificateBuilder.withNewKey("CN=Budget Issuing").ca(0)
            .issuedBy(ROOT);
    /** The one key every lattice certificate certifies and is signed with. */
    private static final KeyPair LATTICE_KEY = KeyPairs.rsa2048();

    /** {@code names} x {@code perName} CA certificates: those of name i are issued by name i + 1 (mod names). */
    private static List<X509Certificate> lattice(int names, int perName) {
        List<X509Certificate> out = new ArrayList<>();
        for (int i = 0; i < names; i++) {
            CertifiedKey issuer = CertificateBuilder.withKey("CN=Lattice " + (i + 1) % names, LATTICE_KEY).ca(null)
                    .selfSigned();
            for (int j = 0; j < perName; j++) {
                out.add(CertificateBuilder.withKey("CN=Lattice " + i, LATTICE_KEY).ca(null)
                        .subjectAltNames(new GeneralName(GeneralName.dNSName, "n" + i + "-" + j + ".example"))
                        .issuedBy(issuer).certificate());
            }
        }
        return out;
    }

    private static X509Certificate latticeUser() {
        return user().issuedBy(CertificateBuilder.withKey("CN=Lattice 0", LATTICE_KEY).ca(null).selfSigned())
                .certificate();
    }

    private static CertificateBuilder user() {
        return CertificateBuilder.withNewKey("CN=user").extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON)
                .keyUsage(KeyUsage.digitalSignature);
    }

    private static CertificatePathValidator validator(List<X509Certificate> pool, int budget) {
        return new CertificatePathValidator(List.of(ROOT.certificate()), pool, new KeyPurposePolicy(),
                new SignatureDigestPolicy(false), new CaAllowList(List.of()), Optional.empty(),
                new PathLimits(5, Duration.ZERO, budget), Clock.systemUTC());
    }

    private static CertificationPathBuilder.Outcome search(List<X509Certificate> candidates, int budget,
                                                           X509Certificate cert) {
        return new CertificationPathBuilder(List.of(ROOT.certificate()), 5, budget).build(cert, candidates, new Date());
    }

    @Test
    void aLatticeOfTenBundledCertificatesIsRefusedWith70WhenTheBudgetIsSpent() {
        List<X509Certificate> bundle = lattice(2, 5);
        KdcFailure f = assertThrows(KdcFailure.class, () -> validator(List.of(), 100).validate(latticeUser(), bundle));
        assertEquals(FailureReason.CANT_VERIFY_CERTIFICATE, f.reason());
        assertEquals("path building gave up after 100 candidates", f.text());
        assertTrue(Arrays.equals(ExternalPrincipalIdentifiers.trustedCertifiers(List.of(ROOT.certificate())),
                f.eData()), "TD-TRUSTED-CERTIFIERS names the anchors");
    }

    @Test
    void theSearchStopsAtItsBudgetThoughTheLatticeSpansThousandsOfCandidates() {
        List<X509Certificate> bundle = lattice(2, 5);
        X509Certificate user = latticeUser();
        CertificationPathBuilder.Outcome bounded = search(bundle, 100, user);
        assertInstanceOf(CertificationPathBuilder.GaveUp.class, bounded);
        assertEquals(100, bounded.spent());
        // the same lattice searched to its end: what the budget saves
        CertificationPathBuilder.Outcome exhaustive = search(bundle, Integer.MAX_VALUE, user);
        assertInstanceOf(CertificationPathBuilder.NoPath.class, exhaustive);
        assertTrue(exhaustive.spent() > 1_000, exhaustive.spent() + " candidates");
    }

    @Test
    void aLatticeInThePoolIsBoundedTooWithoutABundleCap() {
        // beyond any cap on the request's certificates: 3 names x 8 from the configuration
        KdcFailure f = assertThrows(KdcFailure.class,
                () -> validator(lattice(3, 8), 100).validate(latticeUser(), List.of()));
        assertEquals(FailureReason.CANT_VERIFY_CERTIFICATE, f.reason());
        assertEquals("path building gave up after 100 candidates", f.text());
    }

    @Test
    void certificatesThatShareTheIssuersNameButNotItsKeyIdentifierCostNothing() throws Exception {
        // ten impostors of the issuing CA's name with another key before the real one: pruned by AKI/SKI
        List<X509Certificate> bundle = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            bundle.add(CertificateBuilder.withKey("CN=Budget Issuing", LATTICE_KEY).ca(null).issuedBy(ROOT)
                    .certificate());
        }
        bundle.add(ISSUING.certificate());
        X509Certificate user = user().issuedBy(ISSUING).certificate();
        CertificationPathBuilder.Outcome outcome = search(bundle, 100, user);
        CertificationPathBuilder.Built built = assertInstanceOf(CertificationPathBuilder.Built.class, outcome);
        assertEquals(List.of(user, ISSUING.certificate()), built.validated().path());
        assertEquals(4, built.spent(), "one issuer, one anchor, a path of two certificates validated");
        assertEquals(2, validator(List.of(), 4).validate(user, bundle).path().size());
    }

    @Test
    void aRealPathBeyondALatticeIsStillFoundWithinTheDefaultBudget() throws Exception {
        List<X509Certificate> bundle = new ArrayList<>(lattice(2, 4));
        bundle.add(ISSUING.certificate());
        X509Certificate user = user().issuedBy(ISSUING).certificate();
        assertEquals(ROOT.certificate(), validator(List.of(), PathLimits.defaults().maxCandidates())
                .validate(user, bundle).anchor());
    }
}
