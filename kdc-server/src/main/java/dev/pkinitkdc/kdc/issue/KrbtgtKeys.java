package dev.pkinitkdc.kdc.issue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.keytab.KeytabEntry;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * The keys of krbtgt/REALM@REALM, read from a keytab: the newest kvno of each enctype. Tickets are encrypted
 * in the strongest one (RFC 4120 3.1.3: the server's key).
 */
public final class KrbtgtKeys {
    /** Preference for the ticket key, strongest first. */
    private static final List<EncryptionType> STRENGTH = List.of(
            EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.AES128_CTS_HMAC_SHA1_96);

    public record VersionedKey(EncryptionKey key, int kvno) {
    }

    private final PrincipalName principal;
    private final Map<EncryptionType, VersionedKey> keys;

    private KrbtgtKeys(PrincipalName principal, Map<EncryptionType, VersionedKey> keys) {
        this.principal = principal;
        this.keys = Map.copyOf(keys);
    }

    public static PrincipalName principalFor(String realm) {
        PrincipalName p = new PrincipalName(List.of("krbtgt", realm), NameType.NT_SRV_INST);
        p.setRealm(realm);
        return p;
    }

    public static KrbtgtKeys load(Path keytab, String realm) throws IOException {
        PrincipalName principal = principalFor(realm);
        Keytab kt = Keytab.loadKeytab(keytab.toFile());
        Map<EncryptionType, VersionedKey> newest = new TreeMap<>();
        List<KeytabEntry> entries = kt.getKeytabEntries(principal);
        if (entries == null) {
            entries = List.of();
        }
        for (KeytabEntry e : entries) {
            EncryptionType type = e.getKey().getKeyType();
            VersionedKey old = newest.get(type);
            if (old == null || e.getKvno() > old.kvno()) {
                newest.put(type, new VersionedKey(e.getKey(), e.getKvno()));
            }
        }
        if (STRENGTH.stream().noneMatch(newest::containsKey)) {
            throw new IOException(keytab + ": no AES key for " + principal.getName() + "@" + realm);
        }
        return new KrbtgtKeys(principal, newest);
    }

    public PrincipalName principal() {
        return principal;
    }

    /** The key tickets are encrypted in. */
    public VersionedKey ticketKey() {
        return STRENGTH.stream().filter(keys::containsKey).map(keys::get).findFirst().orElseThrow();
    }

    public VersionedKey key(EncryptionType type) {
        return keys.get(type);
    }
}
