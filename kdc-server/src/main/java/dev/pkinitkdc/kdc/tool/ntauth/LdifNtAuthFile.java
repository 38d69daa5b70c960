package dev.pkinitkdc.kdc.tool.ntauth;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.ldif.LDIFWriter;
import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The NTAuth object in the embedded directory's LDIF files, so an {@code ntauth add|remove} survives a restart.
 * The file holding the object is rewritten entry by entry (comments are not kept).
 */
final class LdifNtAuthFile {
    private final List<Path> files;
    private final DN dn;

    LdifNtAuthFile(List<Path> files, String baseDn) throws IOException {
        this.files = List.copyOf(files);
        try {
            this.dn = new DN(NtAuthCertificates.dn(baseDn));
        } catch (LDAPException e) {
            throw new IOException("[directory] base_dn is not a DN: " + e.getMessage(), e);
        }
    }

    /** The certificates of the object, or empty when no file holds it. */
    Optional<List<byte[]>> read() throws IOException {
        for (Path file : files) {
            for (Entry entry : entries(file)) {
                if (isStore(entry)) {
                    return Optional.of(values(entry));
                }
            }
        }
        return Optional.empty();
    }

    void add(byte[] der) throws IOException {
        change(der, true);
    }

    void remove(byte[] der) throws IOException {
        change(der, false);
    }

    private void change(byte[] der, boolean add) throws IOException {
        for (Path file : files) {
            List<Entry> entries = entries(file);
            for (Entry entry : entries) {
                if (isStore(entry)) {
                    List<byte[]> values = new ArrayList<>(values(entry));
                    values.removeIf(v -> Arrays.equals(v, der));
                    if (add) {
                        values.add(der);
                    }
                    entry.getAttributes().stream().map(Attribute::getName).filter(NtAuthCertificates::isCaCertificate)
                            .toList().forEach(entry::removeAttribute);
                    if (!values.isEmpty()) {
                        entry.addAttribute(new Attribute(NtAuthCertificates.BINARY_ATTRIBUTE,
                                values.toArray(byte[][]::new)));
                    }
                    write(file, entries);
                    return;
                }
            }
        }
        throw new IOException("no LDIF file of [directory] ldif holds " + dn);
    }

    Path describe() {
        return files.isEmpty() ? Path.of("(no LDIF)") : files.get(0);
    }

    private boolean isStore(Entry entry) throws IOException {
        try {
            return entry.getParsedDN().equals(dn);
        } catch (LDAPException e) {
            throw new IOException("bad DN " + entry.getDN() + ": " + e.getMessage(), e);
        }
    }

    private static List<byte[]> values(Entry entry) {
        List<byte[]> out = new ArrayList<>();
        entry.getAttributes().stream().filter(a -> NtAuthCertificates.isCaCertificate(a.getName()))
                .forEach(a -> out.addAll(List.of(a.getValueByteArrays())));
        return out;
    }

    private static List<Entry> entries(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (LDIFReader reader = new LDIFReader(file.toFile())) {
            for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                entries.add(entry);
            }
        } catch (LDIFException e) {
            throw new IOException(file + ": not readable LDIF: " + e.getMessage(), e);
        }
        return entries;
    }

    private static void write(Path file, List<Entry> entries) throws IOException {
        try (LDIFWriter writer = new LDIFWriter(file.toFile())) {
            writer.writeComment("Rewritten by pkinit-kdc ntauth.", false, true);
            for (Entry entry : entries) {
                writer.writeEntry(entry);
            }
        }
    }
}
