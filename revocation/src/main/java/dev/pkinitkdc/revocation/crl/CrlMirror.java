package dev.pkinitkdc.revocation.crl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configured CRL files and folders of CRL files (DER or PEM), a local mirror consulted before distribution
 * points. Loaded at start and polled every {@code mirrorPoll}: a file whose modification time, size or identity
 * changed is read again, a removed file is forgotten. Indexed by issuer name.
 */
final class CrlMirror {
    private static final Logger LOG = LoggerFactory.getLogger(CrlMirror.class);

    private record Stamp(long modified, long size, Object key) {
        static Stamp of(BasicFileAttributes attributes) {
            return new Stamp(attributes.lastModifiedTime().toMillis(), attributes.size(), attributes.fileKey());
        }
    }

    /** A mirror file as last read: its CRL, or none when it was unusable (logged once per version). */
    private record Loaded(Stamp stamp, HeldCrl crl) {
    }

    private final List<Path> roots;
    private final long maxBytes;
    /** Only touched by the poll, which runs on one thread. */
    private final Map<Path, Loaded> files = new HashMap<>();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private volatile Map<X500Principal, List<HeldCrl>> byIssuer = Map.of();

    CrlMirror(List<Path> roots, long maxBytes, Duration poll, ScheduledExecutorService scheduler) {
        this.roots = List.copyOf(roots);
        this.maxBytes = maxBytes;
        if (this.roots.isEmpty()) {
            loaded.complete(null);
        } else {
            scheduler.scheduleWithFixedDelay(this::poll, 0, Math.max(1, poll.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** Completes once the files have been read at start. */
    CompletableFuture<Void> loaded() {
        return loaded;
    }

    /** The mirrored CRLs (complete and delta) whose issuer is {@code issuer}. */
    List<HeldCrl> forIssuer(X500Principal issuer) {
        return byIssuer.getOrDefault(issuer, List.of());
    }

    void poll() {
        try {
            Map<Path, Stamp> present = list();
            boolean changed = files.keySet().removeIf(path -> {
                boolean gone = !present.containsKey(path);
                if (gone) {
                    LOG.info("CRL mirror: {} removed", path);
                }
                return gone;
            });
            for (Map.Entry<Path, Stamp> file : present.entrySet()) {
                Loaded known = files.get(file.getKey());
                if (known == null || !known.stamp().equals(file.getValue())) {
                    files.put(file.getKey(), new Loaded(file.getValue(), read(file.getKey(), file.getValue())));
                    changed = true;
                }
            }
            if (changed) {
                byIssuer = files.values().stream().map(Loaded::crl).filter(Objects::nonNull)
                        .collect(Collectors.groupingBy(held -> held.crl().issuer(), Collectors.toUnmodifiableList()));
            }
        } catch (RuntimeException e) {
            LOG.warn("CRL mirror poll failed: {}", e.toString());
        } finally {
            loaded.complete(null);
        }
    }

    private Map<Path, Stamp> list() {
        Map<Path, Stamp> present = new HashMap<>();
        for (Path root : roots) {
            List<Path> candidates = new ArrayList<>();
            if (Files.isDirectory(root)) {
                try (Stream<Path> children = Files.list(root)) {
                    children.forEach(candidates::add);
                } catch (IOException e) {
                    LOG.warn("CRL mirror: cannot list {}: {}", root, e.toString());
                }
            } else {
                candidates.add(root);
            }
            for (Path candidate : candidates) {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(candidate, BasicFileAttributes.class);
                    if (attributes.isRegularFile() && !candidate.getFileName().toString().startsWith(".")) {
                        present.put(candidate, Stamp.of(attributes));
                    }
                } catch (IOException e) {
                    // vanished between the listing and now, or missing: not present
                }
            }
        }
        return present;
    }

    private HeldCrl read(Path file, Stamp stamp) {
        try {
            if (stamp.size() > maxBytes) {
                throw new IOException(stamp.size() + " bytes, more than " + maxBytes);
            }
            CertificateList crl = CertificateList.parse(Files.readAllBytes(file));
            LOG.info("CRL mirror: {} loaded: {}", file, crl.summary());
            return new HeldCrl(file.toString(), crl);
        } catch (IOException | UnusableCrlException e) {
            LOG.warn("CRL mirror: {} is unusable: {}", file, e.getMessage());
            return null;
        }
    }
}
