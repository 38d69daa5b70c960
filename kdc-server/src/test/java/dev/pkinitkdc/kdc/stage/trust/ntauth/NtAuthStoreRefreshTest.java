package dev.pkinitkdc.kdc.stage.trust.ntauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.labpki.PemFileWriter;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [ntauth] source = files}: PEM and DER in a folder, reloads that see adds and removes, failed reloads. */
class NtAuthStoreRefreshTest {
    static X509Certificate one;
    static X509Certificate two;

    @TempDir
    Path dir;

    @BeforeAll
    static void cas() {
        CertifiedKey root = CertificateBuilder.withNewKey("CN=Refresh Root").ca(null).selfSigned();
        one = root.certificate();
        two = CertificateBuilder.withNewKey("CN=Refresh Issuing").ca(0).issuedBy(root).certificate();
    }

    private Path folderWithPemAndDer() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("ntauth"));
        PemFileWriter.writeCertificates(folder.resolve("one.pem"), List.of(one));
        Files.write(folder.resolve("two.cer"), two.getEncoded());
        return folder;
    }

    @Test
    void aFolderWithPemAndDerCertificatesIsRead() throws Exception {
        NtAuthStore store = new FileNtAuthSource(List.of(folderWithPemAndDer())).load();
        assertEquals(2, store.cas().size());
        assertTrue(store.contains(one) && store.contains(two));
    }

    @Test
    void changesSinceNamesAddedAndRemovedCas() {
        NtAuthStore before = NtAuthStore.of(List.of(one));
        NtAuthStore after = NtAuthStore.of(List.of(two));
        String change = after.changesSince(before).orElseThrow();
        assertTrue(change.startsWith("added [CN=Refresh Issuing (SHA-1 " + NtAuthCa.of(two).thumbprint() + ")]"),
                change);
        assertTrue(change.endsWith("removed [CN=Refresh Root (SHA-1 " + NtAuthCa.of(one).thumbprint() + ")]"), change);
        assertEquals(Optional.empty(), after.changesSince(NtAuthStore.of(List.of(two))));
    }

    @Test
    void aRefreshSeesAddsAndRemovesWithoutARestart() throws Exception {
        Path folder = folderWithPemAndDer();
        Files.delete(folder.resolve("two.cer"));
        try (RefreshingNtAuthStore store = RefreshingNtAuthStore.start(new FileNtAuthSource(List.of(folder)),
                Duration.ofMillis(100))) {
            assertFalse(store.get().contains(two));
            Files.write(folder.resolve("two.cer"), two.getEncoded());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.get().contains(two));
            Files.delete(folder.resolve("one.pem"));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !store.get().contains(one));
        }
    }

    @Test
    void aFailedRefreshKeepsTheLastGoodStore() throws Exception {
        Path folder = folderWithPemAndDer();
        try (RefreshingNtAuthStore store = RefreshingNtAuthStore.start(new FileNtAuthSource(List.of(folder)),
                Duration.ofHours(1))) {
            Files.writeString(folder.resolve("broken.pem"), "not a certificate");
            store.refresh();
            assertEquals(2, store.get().cas().size());
        }
    }

    @Test
    void aFirstLoadThatFailsIsAnErrorNamingTheSource() {
        Path missing = dir.resolve("absent");
        IOException e = assertThrows(IOException.class,
                () -> RefreshingNtAuthStore.start(new FileNtAuthSource(List.of(missing)), Duration.ofSeconds(1)));
        assertTrue(e.getMessage().contains("NTAuth store (files " + missing + ")"), e.getMessage());
    }
}
