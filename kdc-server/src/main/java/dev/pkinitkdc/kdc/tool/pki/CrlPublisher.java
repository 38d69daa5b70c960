package dev.pkinitkdc.kdc.tool.pki;

import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.kdc.tool.labpki.LabRevocationUrls;
import dev.pkinitkdc.kdc.tool.labpki.RevokedSerials;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Publishes the CAs' CRLs (RFC 5280 5) as DER files in the folder's {@code crl/}: the issuing CA's lists
 * {@code ca/revoked.txt}, the root's is empty. Each new CRL's cRLNumber is one more than the file it replaces
 * (5.2.3), thisUpdate is five minutes back (clients whose clock is a little behind), and when the CA has
 * revocation URLs the CRL names its URL in an issuingDistributionPoint (5.2.5). Files are replaced atomically, so a
 * KDC polling them as {@code [revocation] crl_mirror} never reads half a CRL.
 */
record CrlPublisher(PkiFolder folder) {
    static final Duration DEFAULT_NEXT_UPDATE = Duration.ofDays(7);
    static final Duration BACKDATE = Duration.ofMinutes(5);

    X509CRL publishIssuing(LabPki ca, Duration nextUpdate) throws IOException {
        Map<BigInteger, RevokedSerials.Entry> revoked = RevokedSerials.read(folder.layout().revokedSerials());
        return publish(ca.issuing(), folder.layout().issuingCrl(), revoked, nextUpdate,
                folder.revocationUrls().map(LabRevocationUrls::issuingCrl));
    }

    X509CRL publishRoot(LabPki ca, Duration nextUpdate) throws IOException {
        return publish(ca.root(), folder.layout().rootCrl(), Map.of(), nextUpdate,
                folder.revocationUrls().map(LabRevocationUrls::rootCrl));
    }

    private static X509CRL publish(CertifiedKey ca, Path file, Map<BigInteger, RevokedSerials.Entry> revoked,
                                   Duration nextUpdate, Optional<String> url) throws IOException {
        BigInteger number = read(file).map(CrlPublisher::number).orElse(BigInteger.ZERO).add(BigInteger.ONE);
        Instant now = Instant.now();
        CrlBuilder builder = CrlBuilder.by(ca).number(number.longValueExact()).validity(now.minus(BACKDATE), now.plus(nextUpdate));
        url.ifPresent(builder::distributionPoint);
        revoked.values().forEach(e -> builder.revoke(e.serial(), e.revoked(), e.reason()));
        X509CRL crl = builder.build();
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.write(temporary, crl.getEncoded());
        } catch (CRLException e) {
            throw new IOException("cannot encode the CRL of " + ca.certificate().getSubjectX500Principal(), e);
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return crl;
    }

    /** The CRL in {@code file} (DER or PEM), if the file exists. */
    static Optional<X509CRL> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Optional.of((X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in));
        } catch (CertificateException | CRLException e) {
            throw new IOException(file + ": not a CRL: " + e.getMessage(), e);
        }
    }

    /** The cRLNumber (RFC 5280 5.2.3); 0 for a CRL without one. */
    static BigInteger number(X509CRL crl) {
        byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (value == null) {
            return BigInteger.ZERO;
        }
        try {
            return CRLNumber.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value)).getCRLNumber();
        } catch (IOException e) {
            return BigInteger.ZERO;
        }
    }
}
