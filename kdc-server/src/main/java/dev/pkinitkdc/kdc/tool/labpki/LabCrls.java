package dev.pkinitkdc.kdc.tool.labpki;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.CRLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The lab's two CRLs (RFC 5280 5): the issuing CA's, listing DIR/ca/revoked.txt, and the root's, empty. Each is
 * valid from five minutes ago for an hour, carries an increasing cRLNumber and an issuingDistributionPoint naming
 * its URL, and is made again when older than {@link #REISSUE_AFTER} or when revoked.txt changes.
 */
public final class LabCrls {
    static final Duration REISSUE_AFTER = Duration.ofMinutes(5);
    static final Duration BACKDATE = Duration.ofMinutes(5);
    static final Duration VALIDITY = Duration.ofHours(1);

    private record Issued(byte[] der, Instant made, FileTime listVersion) {
    }

    private final LabPki pki;
    private final Path revokedSerials;
    private final LabRevocationUrls urls;
    private final Clock clock;
    private long lastNumber;
    private Issued issuing;
    private Issued root;

    public LabCrls(LabPki pki, Path revokedSerials, LabRevocationUrls urls) {
        this(pki, revokedSerials, urls, Clock.systemUTC());
    }

    LabCrls(LabPki pki, Path revokedSerials, LabRevocationUrls urls, Clock clock) {
        this.pki = pki;
        this.revokedSerials = revokedSerials;
        this.urls = urls;
        this.clock = clock;
    }

    public synchronized byte[] issuing() throws IOException {
        FileTime version = listVersion();
        if (stale(issuing, version)) {
            issuing = new Issued(build(pki.issuing(), RevokedSerials.read(revokedSerials), urls.issuingCrl()),
                    clock.instant(), version);
        }
        return issuing.der().clone();
    }

    public synchronized byte[] root() {
        if (stale(root, null)) {
            root = new Issued(build(pki.root(), Map.of(), urls.rootCrl()), clock.instant(), null);
        }
        return root.der().clone();
    }

    private boolean stale(Issued crl, FileTime version) {
        return crl == null || !clock.instant().isBefore(crl.made().plus(REISSUE_AFTER))
                || (version != null && !version.equals(crl.listVersion()));
    }

    private FileTime listVersion() throws IOException {
        return Files.exists(revokedSerials) ? Files.getLastModifiedTime(revokedSerials) : FileTime.fromMillis(0);
    }

    private byte[] build(CertifiedKey ca, Map<?, RevokedSerials.Entry> revoked, String url) {
        Instant now = clock.instant();
        // RFC 5280 5.2.3: monotonically increasing; seconds since the epoch survive a restart of the lab
        lastNumber = Math.max(lastNumber + 1, now.getEpochSecond());
        CrlBuilder builder = CrlBuilder.by(ca).number(lastNumber).validity(now.minus(BACKDATE), now.plus(VALIDITY))
                .distributionPoint(url);
        revoked.values().forEach(e -> builder.revoke(e.serial(), e.revoked(), e.reason()));
        try {
            return builder.build().getEncoded();
        } catch (CRLException e) {
            throw new IllegalStateException("cannot encode the lab CRL", e);
        }
    }
}
