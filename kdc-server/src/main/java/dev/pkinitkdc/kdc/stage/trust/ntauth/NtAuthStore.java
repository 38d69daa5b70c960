package dev.pkinitkdc.kdc.stage.trust.ntauth;

import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An immutable snapshot of the enterprise NTAuth store: the CAs trusted to issue logon certificates
 * (MS-PKCA 3.1.5.2.1.1; KB5057784). Certificates are compared by SHA-1 thumbprint (the whole DER).
 */
public record NtAuthStore(Map<String, NtAuthCa> byThumbprint) {
    public NtAuthStore {
        byThumbprint = Map.copyOf(byThumbprint);
    }

    public static NtAuthStore of(List<X509Certificate> certificates) {
        Map<String, NtAuthCa> cas = new LinkedHashMap<>();
        certificates.stream().map(NtAuthCa::of).forEach(ca -> cas.put(ca.thumbprint(), ca));
        return new NtAuthStore(cas);
    }

    public static NtAuthStore empty() {
        return new NtAuthStore(Map.of());
    }

    public boolean contains(X509Certificate ca) {
        return byThumbprint.containsKey(NtAuthCa.of(ca).thumbprint());
    }

    /** The CAs sorted by subject, then thumbprint: the order listings show. */
    public List<NtAuthCa> cas() {
        return byThumbprint.values().stream()
                .sorted(Comparator.comparing(NtAuthCa::subject).thenComparing(NtAuthCa::thumbprint))
                .toList();
    }

    /** One line naming the CAs added and removed since {@code before}, or empty when nothing changed. */
    public Optional<String> changesSince(NtAuthStore before) {
        List<NtAuthCa> added = cas().stream().filter(ca -> !before.byThumbprint.containsKey(ca.thumbprint())).toList();
        List<NtAuthCa> removed = before.cas().stream().filter(ca -> !byThumbprint.containsKey(ca.thumbprint())).toList();
        if (added.isEmpty() && removed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("added " + names(added) + "; removed " + names(removed));
    }

    /** The CAs, e.g. {@code [CN=Issuing CA (SHA-1 AB12...)]}. */
    public String describe() {
        return names(cas());
    }

    private static String names(List<NtAuthCa> cas) {
        return cas.isEmpty() ? "none" : cas.stream().map(NtAuthCa::describe).collect(Collectors.joining(", ", "[", "]"));
    }
}
