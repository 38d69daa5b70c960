package dev.pkinitkdc.kdc.stage.issue;

import dev.pkinitkdc.conf.IdentitySettings;
import dev.pkinitkdc.kdc.support.DaemonThreads;
import dev.pkinitkdc.pkinit.KdcIdentity;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.http.HttpFetch;
import dev.pkinitkdc.revocation.ocsp.OcspStaple;
import dev.pkinitkdc.revocation.ocsp.OcspStapleSource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OCSP response about the KDC's own certificate that replies staple (RFC 4557 3, [MS-PKCA] 3.1.5.2.1.4),
 * kept current in the background: {@code fetch} asks the responder in the certificate's AIA and asks again half way
 * to nextUpdate (or 30 s after a failure); {@code file} reads a DER OCSPResponse and reads it again when it changes.
 * Each response is verified (signature, responder, CertID) before use. A replaced KDC certificate is noticed within
 * one check, and a response for the old certificate is never stapled. Without a current response replies simply
 * go without, logged once until one is available again.
 */
public final class KdcOcspStaple implements OcspStapling, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KdcOcspStaple.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(2);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(30);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);
    private static final long MAX_RESPONSE_BYTES = 64 * 1024;

    /** A verified response and the certificate it is about. */
    private record Held(X509Certificate certificate, OcspStaple staple) {
    }

    private final IdentitySettings.OcspStaple mode;
    private final Optional<Path> file;
    private final Supplier<KdcIdentity> identity;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final OcspStapleSource source;
    private final AtomicBoolean fetching = new AtomicBoolean();
    private final AtomicBoolean missingLogged = new AtomicBoolean();
    private volatile Held held;
    private volatile Instant nextAttempt = Instant.MIN;
    private volatile FileTime fileStamp;
    private volatile X509Certificate fileReadFor;
    private volatile String lastProblem;

    private KdcOcspStaple(IdentitySettings settings, Supplier<KdcIdentity> identity, Clock clock) {
        this.mode = settings.ocspStaple();
        this.file = settings.ocspStapleFile();
        this.identity = identity;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("kdc-ocsp-staple"));
        this.source = new OcspStapleSource(new HttpFetch(FETCH_TIMEOUT, MAX_RESPONSE_BYTES, scheduler));
    }

    /** Starts keeping a response current; with {@code ocsp_staple = off} returns {@link OcspStapling#NONE}. */
    public static OcspStapling start(IdentitySettings settings, Supplier<KdcIdentity> identity, Clock clock) {
        if (settings.ocspStaple() == IdentitySettings.OcspStaple.OFF) {
            return NONE;
        }
        KdcOcspStaple staple = new KdcOcspStaple(settings, identity, clock);
        staple.scheduler.scheduleWithFixedDelay(staple::refreshQuietly, 0, CHECK_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("OCSP stapling of the KDC certificate: {}", settings.ocspStaple() == IdentitySettings.OcspStaple.FILE
                ? "from " + settings.ocspStapleFile().orElseThrow() : "fetched from the responder in its AIA");
        return staple;
    }

    @Override
    public Optional<byte[]> current() {
        Held h = held;
        Instant now = clock.instant();
        if (h != null && h.certificate().equals(identity.get().certificate()) && h.staple().current(now)) {
            return Optional.of(h.staple().der());
        }
        if (missingLogged.compareAndSet(false, true)) {
            LOG.warn("no current OCSP response for the KDC certificate ({}): replies go without one",
                    lastProblem == null ? "none obtained yet" : lastProblem);
        }
        return Optional.empty();
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            problem("OCSP staple refresh failed: " + e);
        }
    }

    private void refresh() {
        KdcIdentity id = identity.get();
        X509Certificate certificate = id.certificate();
        Optional<X509Certificate> issuer = id.chain().stream()
                .filter(c -> c.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())).findFirst();
        if (issuer.isEmpty()) {
            problem("the KDC certificate's issuer is not in [identity] chain, so no OCSP response can be verified");
            return;
        }
        CertificateToCheck target = new CertificateToCheck(certificate, issuer.get());
        if (mode == IdentitySettings.OcspStaple.FILE) {
            readFile(target);
        } else {
            fetchIfDue(target);
        }
    }

    private void fetchIfDue(CertificateToCheck target) {
        Instant now = clock.instant();
        Held h = held;
        boolean due = h == null || !h.certificate().equals(target.certificate()) || !now.isBefore(h.staple().refreshAt());
        if (!due || now.isBefore(nextAttempt) || !fetching.compareAndSet(false, true)) {
            return;
        }
        Optional<URI> responder = OcspStapleSource.responderOf(target);
        if (responder.isEmpty()) {
            fetching.set(false);
            nextAttempt = now.plus(RETRY_AFTER);
            problem("the KDC certificate names no http(s) OCSP responder in its AIA");
            return;
        }
        source.fetch(responder.get(), target, now).whenComplete((staple, failure) -> {
            try {
                if (failure != null) {
                    nextAttempt = clock.instant().plus(RETRY_AFTER);
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    problem("OCSP request to " + responder.get() + " failed: " + cause.getMessage());
                } else {
                    take(target.certificate(), staple);
                }
            } finally {
                fetching.set(false);
            }
        });
    }

    private void readFile(CertificateToCheck target) {
        Path path = file.orElseThrow();
        try {
            FileTime stamp = Files.getLastModifiedTime(path);
            if (stamp.equals(fileStamp) && target.certificate().equals(fileReadFor)) {
                return;
            }
            fileStamp = stamp;
            fileReadFor = target.certificate();
            take(target.certificate(), OcspStapleSource.fromFile(Files.readAllBytes(path), target, path.toString(),
                    clock.instant()));
        } catch (IOException | IllegalArgumentException e) {
            problem("OCSP response file " + path + " is unusable: " + e.getMessage());
        }
    }

    private void take(X509Certificate certificate, OcspStaple staple) {
        held = new Held(certificate, staple);
        lastProblem = null;
        missingLogged.set(false);
        if (staple.status() == RevocationStatus.GOOD) {
            LOG.info("OCSP response for the KDC certificate from {}: good until {}", staple.responder(),
                    staple.expires());
        } else {
            LOG.warn("OCSP response for the KDC certificate from {} says {}: stapled as it is", staple.responder(),
                    staple.status());
        }
    }

    /** Logs a reason once (until it changes), so a responder that stays down does not flood the log. */
    private void problem(String text) {
        if (!text.equals(lastProblem)) {
            LOG.warn("{}", text);
            lastProblem = text;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
