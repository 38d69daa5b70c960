package dev.pkinitkdc.revocation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Revoked is sticky": every revocation a verified CRL or OCSP response stated, kept by issuer key and serial
 * ({@link RevokedSerial}), so that a source that is later blocked, slowed, expired beyond grace or replaying an
 * older "good" cannot turn it back into an allowed logon. Only a certificateHold is released, and only by a GOOD
 * stated after the hold (RFC 5280 5.3.1, 5.2.4 removeFromCRL; RFC 6960 4.2.1 thisUpdate).
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} serials. When full, entries of certificates past their notAfter go
 * first (they fail path validation anyway), then the oldest recorded, each with a WARN. With a folder the ledger
 * is read at start and the file rewritten atomically on every change, before the logon that caused the change is
 * answered; without one it lives in memory only.
 */
public final class RevokedLedger {
    private static final Logger LOG = LoggerFactory.getLogger(RevokedLedger.class);
    /** The source name of an answer the ledger gave ({@code "decided_by":"ledger"} in the audit line). */
    public static final String KIND = "ledger";
    /** About 20 MiB on disk at most; far more revoked certificates than a KDC sees presented. */
    public static final int MAX_ENTRIES = 20_000;

    private final Clock clock;
    private final Optional<LedgerFile> file;
    private final int maxEntries;
    /** Insertion order: the first entry is the oldest recorded. Guarded by {@code this}. */
    private final LinkedHashMap<RevokedSerial, RememberedRevocation> entries = new LinkedHashMap<>();
    /** The number of the last change; guarded by {@code this}. */
    private long version;
    /** Held while the file is written; {@link #written} is guarded by it. */
    private final Object writing = new Object();
    private long written;

    private RevokedLedger(Clock clock, Optional<LedgerFile> file, int maxEntries) {
        this.clock = clock;
        this.file = file;
        this.maxEntries = maxEntries;
    }

    /** A ledger that forgets at a restart. */
    public static RevokedLedger inMemory(Clock clock) {
        return new RevokedLedger(clock, Optional.empty(), MAX_ENTRIES);
    }

    /**
     * The ledger of {@code folder}, read now.
     *
     * @throws UncheckedIOException when the file exists but cannot be read: starting without the revocations it
     *     holds would let them log on again
     */
    public static RevokedLedger inFolder(Path folder, Clock clock) {
        return inFolder(folder, clock, MAX_ENTRIES);
    }

    static RevokedLedger inFolder(Path folder, Clock clock, int maxEntries) {
        RevokedLedger ledger = new RevokedLedger(clock, Optional.of(new LedgerFile(folder)), maxEntries);
        ledger.load();
        return ledger;
    }

    private synchronized void load() {
        LedgerFile f = file.orElseThrow();
        LedgerFile.Contents contents;
        try {
            contents = f.read(maxEntries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the revocation ledger " + f.path() + ": " + e.getMessage(),
                    e);
        }
        contents.entries().forEach(e -> entries.merge(e.serial(), e, RememberedRevocation::and));
        makeRoom(0);
        if (contents.unreadable() > 0) {
            LOG.warn("revocation ledger {}: {} unreadable line(s) skipped", f.path(), contents.unreadable());
        }
        LOG.info("revocation ledger {}: {} revoked serial(s) remembered", f.path(), entries.size());
    }

    public Optional<Path> file() {
        return file.map(LedgerFile::path);
    }

    public synchronized int size() {
        return entries.size();
    }

    /** A permanent (not certificateHold) revocation of the certificate: no source can change it. */
    public synchronized Optional<RememberedRevocation> permanent(CertificateToCheck check) {
        return Optional.ofNullable(entries.get(RevokedSerial.of(check))).filter(r -> !r.onHold());
    }

    /**
     * The status the sources established, seen through the ledger: a REVOKED answer is remembered (or refreshes
     * the held statement); any other status of a remembered serial stays REVOKED, the ledger's answer first,
     * unless it releases a certificateHold.
     */
    public CertificateRevocation apply(CertificateToCheck check, CertificateRevocation fromSources) {
        RevokedSerial serial = RevokedSerial.of(check);
        if (fromSources.status() == RevocationStatus.REVOKED) {
            fromSources.deciding().ifPresent(answer -> remember(serial, check.certificate(), answer));
            return fromSources;
        }
        RememberedRevocation held;
        Snapshot released;
        synchronized (this) {
            held = entries.get(serial);
            if (held == null) {
                return fromSources;
            }
            released = held.releasedBy(fromSources.deciding()) ? changed(() -> entries.remove(serial)) : null;
        }
        if (released != null) {
            persist(released);
            LOG.info("certificateHold of {} released: {}", CertificateRevocation.describe(check.certificate()),
                    fromSources.deciding().map(SourceAnswer::detail).orElse("-"));
            return fromSources;
        }
        if (fromSources.status() == RevocationStatus.GOOD) {
            LOG.warn("{} says {} is good, but {} revoked it ({}) in its statement of {}: still revoked",
                    fromSources.deciding().map(a -> a.kind() + " " + a.location()).orElse("a source"),
                    CertificateRevocation.describe(check.certificate()), held.location(), held.revoked().reason(),
                    held.statedAt());
        }
        List<SourceAnswer> answers = new ArrayList<>();
        answers.add(held.answer());
        answers.addAll(fromSources.answers());
        return new CertificateRevocation(check.certificate(), RevocationStatus.REVOKED, answers);
    }

    private void remember(RevokedSerial serial, X509Certificate certificate, SourceAnswer answer) {
        if (answer.kind().equals(KIND) || answer.revoked().isEmpty() || answer.thisUpdate().isEmpty()) {
            return;
        }
        RememberedRevocation stated = new RememberedRevocation(serial, answer.revoked().get(),
                answer.thisUpdate().get(), answer.kind(), answer.location(), certificate.getNotAfter().toInstant());
        Snapshot snapshot;
        synchronized (this) {
            RememberedRevocation held = entries.get(serial);
            RememberedRevocation kept = held == null ? stated : held.and(stated);
            if (kept.equals(held)) {
                return;
            }
            if (held == null) {
                makeRoom(1);
            }
            snapshot = changed(() -> entries.put(serial, kept));
        }
        persist(snapshot);
    }

    /** The entries after one change, numbered so that an older snapshot never overwrites a newer one. */
    private record Snapshot(long version, List<RememberedRevocation> entries) {
    }

    /** Applies {@code change} (holding {@code this}) and takes the snapshot to write. */
    private Snapshot changed(Runnable change) {
        change.run();
        return new Snapshot(++version, List.copyOf(entries.values()));
    }

    /** Makes room for {@code adding} more entries: expired certificates first, then the oldest recorded. */
    private void makeRoom(int adding) {
        if (entries.size() + adding <= maxEntries) {
            return;
        }
        Instant now = clock.instant();
        int expired = entries.size();
        entries.values().removeIf(e -> e.notAfter().isBefore(now));
        expired -= entries.size();
        int evicted = 0;
        for (Iterator<RememberedRevocation> it = entries.values().iterator();
             it.hasNext() && entries.size() + adding > maxEntries; evicted++) {
            it.next();
            it.remove();
        }
        LOG.warn("revocation ledger full ({} serials): {} of expired certificates dropped, {} oldest dropped",
                maxEntries, expired, evicted);
    }

    /**
     * Rewrites the file, outside the ledger's lock so that other logons' look-ups do not wait for the disk (the
     * logon that changed the ledger does, so its answer follows the write); a failure leaves the entry in memory
     * and says so (the source still says revoked).
     */
    private void persist(Snapshot snapshot) {
        if (file.isEmpty()) {
            return;
        }
        synchronized (writing) {
            if (snapshot.version() <= written) {
                return; // a newer snapshot is already on disk
            }
            try {
                file.get().write(snapshot.entries());
                written = snapshot.version();
            } catch (IOException | RuntimeException e) {
                LOG.warn("revocation ledger {} could not be written ({}); the revocations are kept in memory",
                        file.get().path(), e.toString());
            }
        }
    }
}
