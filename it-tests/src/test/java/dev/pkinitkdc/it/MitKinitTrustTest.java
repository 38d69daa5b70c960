package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.labpki.LabOids;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's certificate refusals with real clients, codes read off the wire: no EKU with the option off (77)
 * and on (accepted), a SHA-1-signed certificate (78, accepted with allow_sha1), an expired certificate (71).
 * Each certificate names alice by UPN and carries her SID, so only the trust rule under test decides.
 */
class MitKinitTrustTest {
    @TempDir
    Path dir;

    private static CertificateBuilder alice(String sid) {
        return LabCertificates.alice(sid);
    }

    private static String aliceSid(LabKdc kdc) throws Exception {
        return LabCertificates.aliceSid(kdc);
    }

    private String identity(String name, CertifiedKey key) throws Exception {
        return LabCertificates.identity(dir, name, key);
    }

    private MitKinit.Result kinit(LabKdc kdc, String label, String identity) throws Exception {
        return MitKinit.run(kdc.lab.krb5Conf(), dir, label, identity, "alice");
    }

    private static LabKdc lab(Path dir, String trustOption) throws Exception {
        return LabKdc.start(dir, "", conf -> trustOption.isEmpty() ? conf
                : conf.replace("[trust]\n", "[trust]\n" + trustOption + "\n"));
    }

    /** The certificate is refused with {@code code} by default and accepted once {@code option} is set. */
    private void assertRefusedUnless(String name, java.util.function.Function<String, CertificateBuilder> certificate,
                                     int code, String option) throws Exception {
        String identity;
        try (LabKdc kdc = lab(dir.resolve(name), "")) {
            identity = identity(name, kdc.lab.issue(certificate.apply(aliceSid(kdc))));
            MitKinit.Result r = kinit(kdc, name + "-strict", identity);
            assertNotEquals(0, r.exitCode(), r::toString);
            assertTrue(r.kdcErrors().contains(code), r::toString);
        }
        try (LabKdc kdc = lab(dir.resolve(name), option)) {
            MitKinit.Result r = kinit(kdc, name + "-allowed", identity);
            assertEquals(0, r.exitCode(), r::toString);
        }
    }

    @Test
    void aCertificateWithoutEkuIsRefusedWith77UnlessAllowed() throws Exception {
        assertRefusedUnless("no-eku", MitKinitTrustTest::alice, 77, "allow_no_eku = true");
    }

    @Test
    void aSha1SignedCertificateIsRefusedWith78UnlessAllowed() throws Exception {
        assertRefusedUnless("sha1", sid -> alice(sid).extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON)
                .signatureAlgorithm("SHA1withRSA"), 78, "allow_sha1 = true");
    }

    @Test
    void anExpiredCertificateIsRefusedWith71() throws Exception {
        // MIT kinit checks its own certificate's validity and will not send an expired one: the project's client does
        try (LabKdc kdc = lab(dir.resolve("expired"), "")) {
            Instant now = Instant.now();
            CertifiedKey expired = alice(aliceSid(kdc)).extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON)
                    .validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))
                    .issuedBy(LabPki.load(kdc.lab.layout()).issuing());   // refused before revocation is asked
            identity("expired", expired);
            AsExchangeResult r = OwnClient.logon(kdc.lab, dir.resolve("expired.pem"), dir.resolve("expired.key"),
                    new PrincipalName(List.of("alice"), NameType.NT_PRINCIPAL), PkinitClientOptions.defaults(), false);
            AsExchangeResult.Error error = assertInstanceOf(AsExchangeResult.Error.class, r, r::toString);
            assertEquals(71, error.errorCode(), error.eText());
            MitKinit.Result mit = kinit(kdc, "expired-mit", "FILE:" + dir.resolve("expired.pem") + ","
                    + dir.resolve("expired.key"));
            assertNotEquals(0, mit.exitCode(), "MIT must not log on with an expired certificate either");
        }
    }
}
