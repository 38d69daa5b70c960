package dev.pkinitkdc.kdc.stage.trust;

import dev.pkinitkdc.kdc.request.ValidatedCertificate;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Paths already built and checked (RFC 5280 6.1), so a client that logs on again skips the PKIX builder: keyed by
 * a SHA-256 of the client certificate and the certificates its request bundled, each held while the validation
 * time lies inside every certificate's validity on the path (latest notBefore to earliest notAfter, the anchor
 * included). One cache belongs to one {@link CertificatePathValidator}, whose anchors and intermediates are fixed:
 * new anchors mean a new validator and an empty cache. The NTAuth rule and revocation are not cached here (they
 * are checked on every request, on their own refreshed data). Least recently used entries go beyond
 * {@code maxEntries}.
 */
final class ValidatedPathCache {
    private record Held(ValidatedCertificate validated, Instant notBefore, Instant notAfter) {
        boolean validAt(Instant time) {
            return !time.isBefore(notBefore) && !time.isAfter(notAfter);
        }
    }

    private final int maxEntries;
    private final Map<String, Held> entries;

    ValidatedPathCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(64, 0.75f, true);
    }

    /** The validated path held for this certificate and bundle, if every certificate on it is valid at {@code time}. */
    synchronized Optional<ValidatedCertificate> get(String key, Instant time) {
        Held held = entries.get(key);
        if (held == null) {
            return Optional.empty();
        }
        if (!held.validAt(time)) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(held.validated());
    }

    synchronized void put(String key, ValidatedCertificate validated) {
        Instant notBefore = Instant.MIN;
        Instant notAfter = Instant.MAX;
        for (X509Certificate c : pathAndAnchor(validated)) {
            Instant from = c.getNotBefore().toInstant();
            Instant until = c.getNotAfter().toInstant();
            notBefore = from.isAfter(notBefore) ? from : notBefore;
            notAfter = until.isBefore(notAfter) ? until : notAfter;
        }
        entries.put(key, new Held(validated, notBefore, notAfter));
        if (entries.size() > maxEntries) {
            entries.remove(entries.keySet().iterator().next());
        }
    }

    synchronized int size() {
        return entries.size();
    }

    /** SHA-256 over the DER of the certificate and then of each bundled certificate, in order, as hex. */
    static String key(X509Certificate certificate, List<X509Certificate> bundled) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(certificate.getEncoded());
            for (X509Certificate c : bundled) {
                sha256.update(c.getEncoded());
            }
            return java.util.HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot key a certificate path: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> pathAndAnchor(ValidatedCertificate validated) {
        List<X509Certificate> all = new java.util.ArrayList<>(validated.path());
        all.add(validated.anchor());
        return all;
    }
}
