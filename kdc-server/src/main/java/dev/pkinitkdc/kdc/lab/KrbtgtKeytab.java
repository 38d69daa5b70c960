package dev.pkinitkdc.kdc.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.keytab.KeytabEntry;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/** The keytab holding random keys of {@code krbtgt/REALM@REALM}, the key TGTs are encrypted in (RFC 4120 5.3). */
public final class KrbtgtKeytab {
    public static final int KVNO = 1;
    /** AES enctypes (RFC 3962) and their key sizes in bytes; a random octet string is a valid AES key. */
    private static final List<EncryptionType> ENCTYPES =
            List.of(EncryptionType.AES256_CTS_HMAC_SHA1_96, EncryptionType.AES128_CTS_HMAC_SHA1_96);
    private static final SecureRandom RANDOM = new SecureRandom();

    private KrbtgtKeytab() {
    }

    public static PrincipalName principal(String realm) {
        PrincipalName name = new PrincipalName(List.of("krbtgt", realm), NameType.NT_SRV_INST);
        name.setRealm(realm);
        return name;
    }

    /** Writes a new keytab with fresh keys (mode 0600). */
    public static void create(Path file, String realm) throws IOException {
        Keytab keytab = new Keytab();
        KerberosTime now = KerberosTime.now();
        for (EncryptionType type : ENCTYPES) {
            byte[] key = new byte[keySize(type)];
            RANDOM.nextBytes(key);
            keytab.addEntry(new KeytabEntry(principal(realm), now, KVNO, new EncryptionKey(type, key, KVNO)));
        }
        SecretFiles.write(file, keytab::store);
    }

    private static int keySize(EncryptionType type) {
        return type == EncryptionType.AES256_CTS_HMAC_SHA1_96 ? 32 : 16;
    }
}
