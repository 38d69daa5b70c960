package dev.pkinitkdc.kdc.stage.issue;

import dev.pkinitkdc.kdc.support.keytab.KeytabFile;
import dev.pkinitkdc.kdc.support.keytab.KeytabKey;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * The keys of krbtgt/REALM@REALM, read from a keytab: the newest kvno of each {@link Enctype}; keys of other
 * enctypes are ignored. Tickets are encrypted in the first of the ticket preference the keytab has a key of
 * (RFC 4120 3.1.3: the server's key): by default aes256-cts-hmac-sha1-96, as MIT's krbtgt (the first of its
 * supported_enctypes) and AD's (AES256 in msDS-SupportedEncryptionTypes) are, since many AD-oriented clients
 * cannot parse the RFC 8009 etypes in a ticket they inspect (U2U); {@code [krbtgt] ticket_enctypes} chooses others.
 */
public final class KrbtgtKeys {
    /** The default ticket preference: RFC 3962 AES-256, then AES-128, then the RFC 8009 types. */
    public static final List<Enctype> DEFAULT_TICKET_PREFERENCE = List.of(Enctype.AES256_CTS_HMAC_SHA1_96,
            Enctype.AES128_CTS_HMAC_SHA1_96, Enctype.AES256_CTS_HMAC_SHA384_192, Enctype.AES128_CTS_HMAC_SHA256_128);

    public record VersionedKey(EncryptionKey key, int kvno) {
        public Enctype enctype() {
            try {
                return Enctypes.of(key);
            } catch (KrbException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "VersionedKey[kvno=" + kvno + "]";
        }
    }

    private final PrincipalName principal;
    private final Map<Enctype, VersionedKey> keys;
    /** Every kvno of each enctype, for TGTs sealed before a rotation (RFC 4120 3.3.2: the key of the kvno named). */
    private final List<VersionedKey> everyVersion;
    private final List<Enctype> ticketPreference;

    private KrbtgtKeys(PrincipalName principal, Map<Enctype, VersionedKey> keys, List<VersionedKey> everyVersion,
                       List<Enctype> ticketPreference) {
        this.principal = principal;
        this.keys = Map.copyOf(keys);
        this.everyVersion = List.copyOf(everyVersion);
        this.ticketPreference = List.copyOf(ticketPreference);
    }

    public static PrincipalName principalFor(String realm) {
        PrincipalName p = new PrincipalName(List.of("krbtgt", realm), NameType.NT_SRV_INST);
        p.setRealm(realm);
        return p;
    }

    public static KrbtgtKeys load(Path keytab, String realm) throws IOException {
        return load(keytab, realm, DEFAULT_TICKET_PREFERENCE);
    }

    /**
     * @param ticketPreference the enctypes tickets are sealed in, preferred first; the keytab must hold a key of
     *        one of them
     */
    public static KrbtgtKeys load(Path keytab, String realm, List<Enctype> ticketPreference) throws IOException {
        PrincipalName principal = principalFor(realm);
        Map<Enctype, KeytabKey> newest = new EnumMap<>(Enctype.class);
        List<VersionedKey> every = new ArrayList<>();
        for (KeytabKey k : KeytabFile.read(keytab)) {
            Optional<Enctype> type = Enctype.fromValue(k.keyType());
            if (k.isFor(realm, principal.getNameStrings()) && type.isPresent()
                    && k.key().length == type.get().keySize()) {
                newest.merge(type.get(), k, (a, b) -> b.kvno() > a.kvno() ? b : a);
                every.add(new VersionedKey(Enctypes.key(type.get(), k.key()), k.kvno()));
            }
        }
        if (newest.isEmpty()) {
            throw new IOException(keytab + ": no AES key for " + principal.getName());
        }
        Map<Enctype, VersionedKey> keys = new EnumMap<>(Enctype.class);
        newest.forEach((type, k) -> keys.put(type, new VersionedKey(Enctypes.key(type, k.key()), k.kvno())));
        if (ticketPreference.stream().noneMatch(keys::containsKey)) {
            throw new IOException(keytab + ": no key of " + ticketPreference.stream().map(Enctype::kerberosName)
                    .toList() + " (the ticket enctypes) for " + principal.getName());
        }
        return new KrbtgtKeys(principal, keys, every, ticketPreference);
    }

    public PrincipalName principal() {
        return principal;
    }

    /** The key tickets are encrypted in: the first of the ticket preference the keytab has. */
    public VersionedKey ticketKey() {
        return ticketPreference.stream().filter(keys::containsKey).map(keys::get).findFirst().orElseThrow();
    }

    /** The key of {@code type} and {@code kvno}, old ones included while the keytab holds them. */
    public Optional<VersionedKey> key(Enctype type, int kvno) {
        return everyVersion.stream().filter(k -> k.kvno() == kvno && k.enctype() == type).findFirst();
    }

    /** The key of {@code type}, or null when the keytab has none. */
    public VersionedKey key(Enctype type) {
        return keys.get(type);
    }
}
