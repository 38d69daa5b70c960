package dev.pkinitkdc.kdc.stage.issue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.ServiceKey;
import dev.pkinitkdc.kdc.support.keytab.KeytabFile;
import dev.pkinitkdc.kdc.support.keytab.KeytabKey;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * The keys of the services this KDC issues tickets for (RFC 4120 3.3.2: the ticket is sealed in the server's key),
 * read from the keytabs of {@code [services] keytabs} (a folder: its {@code *.keytab} files): for each principal
 * of the realm, the newest kvno of each {@link Enctype}. The directory (servicePrincipalName,
 * msDS-SupportedEncryptionTypes) is not asked yet.
 */
public final class ServiceKeys {
    private final String realm;
    /** name (components joined by "/") -> enctype -> newest key */
    private final Map<String, Map<Enctype, KrbtgtKeys.VersionedKey>> keys;

    private ServiceKeys(String realm, Map<String, Map<Enctype, KrbtgtKeys.VersionedKey>> keys) {
        this.realm = realm;
        this.keys = Map.copyOf(keys);
    }

    public static ServiceKeys load(List<Path> keytabs, String realm) throws IOException {
        Map<String, Map<Enctype, KrbtgtKeys.VersionedKey>> keys = new HashMap<>();
        for (Path file : files(keytabs)) {
            for (KeytabKey k : KeytabFile.read(file)) {
                Optional<Enctype> type = Enctype.fromValue(k.keyType());
                if (k.isFor(realm, k.components()) && type.isPresent() && k.key().length == type.get().keySize()) {
                    KrbtgtKeys.VersionedKey key = new KrbtgtKeys.VersionedKey(Enctypes.key(type.get(), k.key()),
                            k.kvno());
                    keys.computeIfAbsent(String.join("/", k.components()), n -> new HashMap<>())
                            .merge(type.get(), key, (a, b) -> b.kvno() > a.kvno() ? b : a);
                }
            }
        }
        return new ServiceKeys(realm, keys);
    }

    private static List<Path> files(List<Path> configured) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : configured) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".keytab")).sorted().forEach(out::add);
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    /** The principal names held, sorted (for the log at start). */
    public List<String> principals() {
        return keys.keySet().stream().sorted().toList();
    }

    /**
     * The service {@code sname} with the key its ticket is sealed in: the first of its enctypes in the default
     * ticket preference (aes256-cts-hmac-sha1-96 first, as for TGTs) that {@code allowed} (the KDC's
     * {@code enctypes}) lets through; the session key's enctype is the client's first in
     * {@code requested} that the service has a key of and the KDC allows (RFC 4120 3.3.2, as MIT's
     * select_session_keytype).
     */
    public ServiceKey find(PrincipalName sname, List<Enctype> allowed, List<Integer> requested) throws KdcFailure {
        String name = String.join("/", sname.getNameStrings());
        Map<Enctype, KrbtgtKeys.VersionedKey> held = keys.get(name);
        if (held == null) {
            throw KdcFailure.shown(FailureReason.SERVER_UNKNOWN, "service " + name + "@" + realm + " is unknown");
        }
        KrbtgtKeys.VersionedKey ticketKey = KrbtgtKeys.DEFAULT_TICKET_PREFERENCE.stream()
                .filter(t -> allowed.contains(t) && held.containsKey(t)).map(held::get).findFirst()
                .orElseThrow(() -> KdcFailure.shown(FailureReason.ENCTYPE_NOT_SUPPORTED,
                        "service " + name + " has no key of an enctype this KDC allows"));
        for (int n : requested) {
            Optional<Enctype> type = Enctype.fromValue(n);
            if (type.isPresent() && allowed.contains(type.get()) && held.containsKey(type.get())) {
                PrincipalName principal = new PrincipalName(sname.getNameStrings(), NameType.NT_SRV_INST);
                principal.setRealm(realm);
                return new ServiceKey(principal, ticketKey.key(), ticketKey.kvno(), type.get());
            }
        }
        throw KdcFailure.shown(FailureReason.ENCTYPE_NOT_SUPPORTED,
                "no requested enctype is one service " + name + " has a key of");
    }
}
