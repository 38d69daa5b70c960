package dev.pkinitkdc.kdc.tool.lab;

import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.support.files.SecretFiles;
import dev.pkinitkdc.kdc.support.keytab.KeytabFile;
import dev.pkinitkdc.kdc.support.keytab.KeytabKey;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keytab holding random keys of {@code krbtgt/REALM@REALM}, the key TGTs are encrypted in (RFC 4120 5.3): one
 * of each {@link Enctype}. A random octet string of the key size is a valid key of each (random-to-key is the
 * identity for AES, RFC 3962 and RFC 8009 2).
 */
public final class KrbtgtKeytab {
    private static final Logger LOG = LoggerFactory.getLogger(KrbtgtKeytab.class);
    public static final int KVNO = 1;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KrbtgtKeytab() {
    }

    public static PrincipalName principal(String realm) {
        return KrbtgtKeys.principalFor(realm);
    }

    /** Writes a new keytab with fresh keys of every enctype (mode 0600). */
    public static void create(Path file, String realm) throws IOException {
        List<KeytabKey> keys = new ArrayList<>();
        for (Enctype type : Enctype.values()) {
            keys.add(newKey(realm, type, KVNO));
        }
        SecretFiles.write(file, out -> KeytabFile.write(out, keys));
    }

    /**
     * Adds a key of each enctype the keytab lacks for krbtgt (a lab made before RFC 8009 support), at the highest
     * kvno already there; existing keys are kept, so TGTs issued before still decrypt.
     *
     * @return the enctypes added
     */
    public static List<Enctype> addMissing(Path file, String realm) throws IOException {
        List<KeytabKey> keys = new ArrayList<>(KeytabFile.read(file));
        List<String> krbtgt = principal(realm).getNameStrings();
        Set<Integer> present = keys.stream().filter(k -> k.isFor(realm, krbtgt)).map(KeytabKey::keyType)
                .collect(Collectors.toSet());
        int kvno = keys.stream().filter(k -> k.isFor(realm, krbtgt)).mapToInt(KeytabKey::kvno).max().orElse(KVNO);
        List<Enctype> added = new ArrayList<>();
        for (Enctype type : Enctype.values()) {
            if (!present.contains(type.value())) {
                keys.add(newKey(realm, type, kvno));
                added.add(type);
            }
        }
        if (!added.isEmpty()) {
            SecretFiles.write(file, out -> KeytabFile.write(out, keys));
            LOG.info("lab: added krbtgt keys of {} to {} (kvno {})", added, file, kvno);
        }
        return added;
    }

    /**
     * A krbtgt key rotation: adds fresh keys of every enctype at the next kvno, keeping the old ones so TGTs issued
     * before still decrypt (as {@code kadmin cpw -randkey -keepold krbtgt/REALM} does).
     *
     * @return the new kvno
     */
    public static int rotate(Path file, String realm) throws IOException {
        List<KeytabKey> keys = new ArrayList<>(KeytabFile.read(file));
        List<String> krbtgt = principal(realm).getNameStrings();
        int kvno = keys.stream().filter(k -> k.isFor(realm, krbtgt)).mapToInt(KeytabKey::kvno).max().orElse(0) + 1;
        for (Enctype type : Enctype.values()) {
            keys.add(newKey(realm, type, kvno));
        }
        SecretFiles.write(file, out -> KeytabFile.write(out, keys));
        return kvno;
    }

    private static KeytabKey newKey(String realm, Enctype type, int kvno) {
        return newKey(realm, principal(realm).getNameStrings(), type, kvno);
    }

    /** A random key of {@code type} for {@code components@realm}. */
    static KeytabKey newKey(String realm, List<String> components, Enctype type, int kvno) {
        byte[] key = new byte[type.keySize()];
        RANDOM.nextBytes(key);
        return new KeytabKey(realm, components, NameType.NT_SRV_INST.getValue(),
                System.currentTimeMillis() / 1000, kvno, type.value(), key);
    }
}
