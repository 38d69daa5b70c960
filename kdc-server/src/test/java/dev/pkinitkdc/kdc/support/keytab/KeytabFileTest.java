package dev.pkinitkdc.kdc.support.keytab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.kerby.kerberos.kerb.keytab.Keytab;
import org.apache.kerby.kerberos.kerb.keytab.KeytabEntry;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionType;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeytabFileTest {
    @TempDir
    Path dir;

    /** Another writer's file (Kerby's, for the etypes it knows) reads back with the same keys and kvno. */
    @Test
    void readsAKeytabKerbyWrote() throws Exception {
        PrincipalName name = new PrincipalName(List.of("krbtgt", "LAB.EXAMPLE"), NameType.NT_SRV_INST);
        name.setRealm("LAB.EXAMPLE");
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        Keytab kerby = new Keytab();
        kerby.addEntry(new KeytabEntry(name, new KerberosTime(1_700_000_000_000L), 3,
                new EncryptionKey(EncryptionType.AES256_CTS_HMAC_SHA1_96, key, 3)));
        Path file = dir.resolve("kerby.keytab");
        try (OutputStream out = Files.newOutputStream(file)) {
            kerby.store(out);
        }
        KeytabKey read = KeytabFile.read(file).get(0);
        assertEquals("LAB.EXAMPLE", read.realm());
        assertEquals(List.of("krbtgt", "LAB.EXAMPLE"), read.components());
        assertEquals(3, read.kvno());
        assertEquals(18, read.keyType());
        assertArrayEquals(key, read.key());
    }

    @Test
    void writesAndReadsEtypesKerbyDrops() throws Exception {
        List<KeytabKey> keys = List.of(
                new KeytabKey("R", List.of("krbtgt", "R"), 2, 1_700_000_000L, 300, 20, new byte[32]),
                new KeytabKey("R", List.of("krbtgt", "R"), 2, 1_700_000_000L, 1, 19, new byte[16]));
        Path file = dir.resolve("ours.keytab");
        try (OutputStream out = Files.newOutputStream(file)) {
            KeytabFile.write(out, keys);
        }
        assertEquals(keys, KeytabFile.read(file), "the 32-bit kvno carries 300");
    }

    @Test
    void refusesOtherVersionsAndTruncation() throws Exception {
        Path file = dir.resolve("bad.keytab");
        Files.write(file, new byte[] {5, 1});
        assertThrows(IOException.class, () -> KeytabFile.read(file));
        Files.write(file, new byte[] {5, 2, 0, 0, 0, 40, 0, 1});
        assertThrows(IOException.class, () -> KeytabFile.read(file));
    }
}
