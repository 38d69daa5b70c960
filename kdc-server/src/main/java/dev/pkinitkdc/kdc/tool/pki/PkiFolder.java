package dev.pkinitkdc.kdc.tool.pki;

import dev.pkinitkdc.kdc.tool.labpki.LabLayout;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.kdc.tool.labpki.LabRevocationUrls;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A folder the {@code pki} tool works on: one {@code pki init} made, or a lab folder ({@code bin/pkinit-kdc lab}),
 * in the lab's layout ({@link LabLayout}): {@code ca/root.pem|.key}, {@code ca/issuing.pem|.key},
 * {@code ca/revocation-url} (optional: the base URL of OCSP and CRLs certificates then point at),
 * {@code ca/revoked.txt}, {@code users/NAME.*}, and the tool's own {@code kdc/FQDN.*} and {@code crl/*.crl}.
 */
record PkiFolder(LabLayout layout) {
    static PkiFolder at(Path dir) {
        return new PkiFolder(new LabLayout(dir));
    }

    boolean hasCa() {
        return Files.exists(layout.rootCertificate()) || Files.exists(layout.issuingCertificate());
    }

    /** The root and issuing CA with their keys; a clear error when the folder has none. */
    LabPki ca() throws IOException {
        if (!Files.exists(layout.issuingCertificate()) || !Files.exists(layout.issuingKey())
                || !Files.exists(layout.rootCertificate())) {
            throw new IOException(layout.dir() + " has no CA (ca/root.pem, ca/issuing.pem and ca/issuing.key):"
                    + " run `pkinit-kdc pki init --dir " + layout.dir() + "` first");
        }
        return LabPki.load(layout);
    }

    /** The revocation URLs the CA publishes at, when {@code ca/revocation-url} records them. */
    Optional<LabRevocationUrls> revocationUrls() throws IOException {
        Path file = layout.revocationUrl();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(LabRevocationUrls.parse(Files.readString(file, StandardCharsets.US_ASCII)));
    }

    void recordRevocationUrls(LabRevocationUrls urls) throws IOException {
        Files.createDirectories(layout.revocationUrl().getParent());
        Files.writeString(layout.revocationUrl(), urls.base() + "\n", StandardCharsets.US_ASCII);
    }

    /**
     * Issues {@code builder}'s certificate, valid for {@code validity}, from the issuing CA, with the AIA OCSP URL
     * and CRL distribution point when the folder records revocation URLs. A certificate that would outlive the
     * issuing CA is refused: nothing could validate it in its last part.
     */
    CertifiedKey issue(LabPki ca, CertificateBuilder builder, Duration validity) throws IOException {
        Instant notAfter = Instant.now().minus(CertificateBuilder.BACKDATE).plus(validity);
        Instant caNotAfter = ca.issuing().certificate().getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            throw new IOException("a certificate valid for " + validity.toDays() + " days would outlive the issuing CA"
                    + " (valid until " + caNotAfter + "); give a shorter --validity");
        }
        builder.validFor(validity);
        Optional<LabRevocationUrls> urls = revocationUrls();
        return urls.isPresent() ? ca.issue(builder, urls.get()) : builder.issuedBy(ca.issuing());
    }

    /** The chain an end entity's PKCS#12 and a KDC's reply carry after its own certificate: issuing CA, root. */
    List<X509Certificate> chain(LabPki ca) {
        return List.of(ca.issuing().certificate(), ca.root().certificate());
    }
}
