package dev.pkinitkdc.kdc.support.keytab;

import dev.pkinitkdc.kdc.support.files.BoundedFiles;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The MIT keytab file format, version 0x0502 (krb5 doc/formats/keytab_file_format): big-endian, a 16-bit version,
 * then entries each preceded by a signed 32-bit size (negative: a hole to skip). An entry is the component count,
 * the realm and components as 16-bit counted strings, the 32-bit name type, a 32-bit timestamp, an 8-bit kvno,
 * the keyblock (16-bit key type, 16-bit counted key) and an optional 32-bit kvno that supersedes the 8-bit one.
 * Kerby's reader drops keys of etypes it does not know (19 and 20), hence this one.
 */
public final class KeytabFile {
    private static final int VERSION = 0x0502;

    private KeytabFile() {
    }

    public static List<KeytabKey> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(BoundedFiles.read(file, BoundedFiles.KEYTAB, "keytab"));
        try {
            int version = in.getShort() & 0xffff;
            if (version != VERSION) {
                throw new IOException(file + ": keytab version " + Integer.toHexString(version) + " is not 0502");
            }
            List<KeytabKey> keys = new ArrayList<>();
            while (in.remaining() >= 4) {
                int size = in.getInt();
                if (size <= 0) {
                    in.position(in.position() + Math.abs(size));
                    continue;
                }
                ByteBuffer entry = in.slice(in.position(), size);
                in.position(in.position() + size);
                keys.add(entry(entry));
            }
            return keys;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IOException(file + ": truncated or malformed keytab", e);
        }
    }

    private static KeytabKey entry(ByteBuffer e) {
        int count = e.getShort() & 0xffff;
        String realm = string(e);
        List<String> components = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            components.add(string(e));
        }
        int nameType = e.getInt();
        long timestamp = e.getInt() & 0xffffffffL;
        int kvno = e.get() & 0xff;
        int keyType = e.getShort() & 0xffff;
        byte[] key = new byte[e.getShort() & 0xffff];
        e.get(key);
        if (e.remaining() >= 4) {
            int kvno32 = e.getInt();
            if (kvno32 != 0) {
                kvno = kvno32;
            }
        }
        return new KeytabKey(realm, components, nameType, timestamp, kvno, keyType, key);
    }

    private static String string(ByteBuffer e) {
        byte[] b = new byte[e.getShort() & 0xffff];
        e.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    public static void write(OutputStream out, List<KeytabKey> keys) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeShort(VERSION);
        for (KeytabKey k : keys) {
            byte[] entry = entry(k);
            data.writeInt(entry.length);
            data.write(entry);
        }
        data.flush();
    }

    private static byte[] entry(KeytabKey k) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream e = new DataOutputStream(bytes);
        e.writeShort(k.components().size());
        string(e, k.realm());
        for (String c : k.components()) {
            string(e, c);
        }
        e.writeInt(k.nameType());
        e.writeInt((int) k.timestamp());
        e.writeByte(k.kvno() & 0xff);
        e.writeShort(k.keyType());
        byte[] key = k.key();
        e.writeShort(key.length);
        e.write(key);
        e.writeInt(k.kvno());
        return bytes.toByteArray();
    }

    private static void string(DataOutputStream e, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        e.writeShort(b.length);
        e.write(b);
    }
}
