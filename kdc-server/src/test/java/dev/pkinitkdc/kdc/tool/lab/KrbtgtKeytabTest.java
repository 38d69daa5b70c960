package dev.pkinitkdc.kdc.tool.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.support.keytab.KeytabFile;
import dev.pkinitkdc.kdc.support.keytab.KeytabKey;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KrbtgtKeytabTest {
    @TempDir
    Path dir;

    /** A lab keytab from before RFC 8009 support gets keys of 19 and 20 at its kvno; its own keys stay. */
    @Test
    void addsTheMissingEnctypesAndKeepsTheExistingKeys() throws Exception {
        Path file = dir.resolve("krbtgt.keytab");
        List<KeytabKey> old = List.of(
                new KeytabKey("LAB.EXAMPLE", List.of("krbtgt", "LAB.EXAMPLE"), 2, 1_700_000_000L, 4, 18, new byte[32]),
                new KeytabKey("LAB.EXAMPLE", List.of("krbtgt", "LAB.EXAMPLE"), 2, 1_700_000_000L, 4, 17, new byte[16]));
        try (OutputStream out = Files.newOutputStream(file)) {
            KeytabFile.write(out, old);
        }

        assertEquals(List.of(Enctype.AES128_CTS_HMAC_SHA256_128, Enctype.AES256_CTS_HMAC_SHA384_192),
                KrbtgtKeytab.addMissing(file, "LAB.EXAMPLE"));

        List<KeytabKey> now = KeytabFile.read(file);
        assertTrue(now.containsAll(old));
        assertEquals(4, now.size());
        assertTrue(now.stream().allMatch(k -> k.kvno() == 4));
        assertEquals(List.of(), KrbtgtKeytab.addMissing(file, "LAB.EXAMPLE"), "nothing more to add");
    }

    @Test
    void aRotationAddsEveryEnctypeAtTheNextKvnoAndKeepsTheOldKeys() throws Exception {
        Path file = dir.resolve("krbtgt.keytab");
        KrbtgtKeytab.create(file, "LAB.EXAMPLE");
        List<KeytabKey> old = KeytabFile.read(file);

        assertEquals(KrbtgtKeytab.KVNO + 1, KrbtgtKeytab.rotate(file, "LAB.EXAMPLE"));

        List<KeytabKey> now = KeytabFile.read(file);
        assertTrue(now.containsAll(old));
        assertEquals(2 * old.size(), now.size());
        KrbtgtKeys keys = KrbtgtKeys.load(file, "LAB.EXAMPLE");
        assertEquals(KrbtgtKeytab.KVNO + 1, keys.ticketKey().kvno(), "TGTs are sealed in the new key");
        // RFC 4120 3.3.2: a TGT sealed before the rotation still opens with the key of the kvno it names
        for (Enctype type : Enctype.values()) {
            byte[] oldKey = old.stream().filter(k -> k.keyType() == type.value()).findFirst().orElseThrow().key();
            assertArrayEquals(oldKey, keys.key(type, KrbtgtKeytab.KVNO).orElseThrow().key().getKeyData(), type.name());
            assertEquals(KrbtgtKeytab.KVNO + 1, keys.key(type, KrbtgtKeytab.KVNO + 1).orElseThrow().kvno());
            assertTrue(keys.key(type, KrbtgtKeytab.KVNO + 2).isEmpty(), "no key of a kvno the keytab lacks");
        }
    }
}
