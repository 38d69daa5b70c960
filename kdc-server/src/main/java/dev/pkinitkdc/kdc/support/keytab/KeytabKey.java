package dev.pkinitkdc.kdc.support.keytab;

import java.util.Arrays;
import java.util.List;

/**
 * One keytab entry: a principal's key of one enctype and version. The key type is the raw etype number, so
 * entries of enctypes this KDC does not use are kept as they are. {@link #toString()} never shows the key.
 *
 * @param timestamp seconds since the epoch
 */
public record KeytabKey(String realm, List<String> components, int nameType, long timestamp, int kvno, int keyType,
                        byte[] key) {
    public KeytabKey {
        components = List.copyOf(components);
        key = key.clone();
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    public boolean isFor(String realm, List<String> components) {
        return this.realm.equals(realm) && this.components.equals(components);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeytabKey k && realm.equals(k.realm) && components.equals(k.components)
                && nameType == k.nameType && timestamp == k.timestamp && kvno == k.kvno && keyType == k.keyType
                && Arrays.equals(key, k.key);
    }

    @Override
    public int hashCode() {
        return components.hashCode() * 31 + kvno * 7 + keyType;
    }

    @Override
    public String toString() {
        return "KeytabKey[" + String.join("/", components) + "@" + realm + ", kvno=" + kvno + ", etype=" + keyType
                + "]";
    }
}
