package dev.pkinitkdc.revocation.crl;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;

/** A CA and certificates it issues, for the CRL tests (built with pkinit's CertificateBuilder). */
final class TestPki {
    private static CertifiedKey sharedCa;
    private static int nextSerial = 1000;

    private TestPki() {
    }

    /** One issuing CA for all tests of a JVM (RSA key generation is slow). */
    static synchronized CertifiedKey ca() {
        if (sharedCa == null) {
            sharedCa = CertificateBuilder.withNewKey("CN=CRL Test CA,DC=lab,DC=example").ca(0).selfSigned();
        }
        return sharedCa;
    }

    static synchronized BigInteger serial() {
        return BigInteger.valueOf(nextSerial++);
    }

    /** An end-entity certificate of {@code ca} with the given CRL distribution point URLs (none: no extension). */
    static CertificateToCheck user(CertifiedKey ca, String... cdpUrls) {
        BigInteger serial = serial();
        CertificateBuilder builder = CertificateBuilder.withKey("CN=user " + serial, ca().keyPair()).serial(serial);
        if (cdpUrls.length > 0) {
            builder.crlDistributionPoint(cdpUrls);
        }
        return new CertificateToCheck(builder.issuedBy(ca).certificate(), ca.certificate());
    }

    static CertificateToCheck user(String... cdpUrls) {
        return user(ca(), cdpUrls);
    }

    static <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }
}
