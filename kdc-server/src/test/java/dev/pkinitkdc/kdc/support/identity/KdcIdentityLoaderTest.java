package dev.pkinitkdc.kdc.support.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.conf.IdentitySettings;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabOptions;
import dev.pkinitkdc.pkinit.KdcIdentity;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KDC identity from PEM files, an unprotected PKCS#12 (as lab mode and SecurITaas write it), or a protected one. */
class KdcIdentityLoaderTest {
    @TempDir
    Path dir;

    private static IdentitySettings pkcs12(Path file, Path passwordFile) {
        return new IdentitySettings(Optional.empty(), Optional.empty(), Optional.of(file),
                Optional.ofNullable(passwordFile), List.of(), Duration.ZERO);
    }

    @Test
    void pemAndPkcs12GiveTheSameIdentityWithItsChain() throws Exception {
        LabEnvironment lab = LabEnvironment.prepare(new LabOptions(dir.resolve("lab"), "LAB.EXAMPLE", "127.0.0.1", 8888));
        X509Certificate expected = PemFiles.certificate(lab.layout().kdc().certificate());
        KdcIdentity pem = KdcIdentityLoader.load(new IdentitySettings(Optional.of(lab.layout().kdc().certificate()),
                Optional.of(lab.layout().kdc().privateKey()), Optional.empty(), Optional.empty(),
                List.of(lab.layout().issuingCertificate()), Duration.ZERO), "LAB.EXAMPLE", Instant.now());
        KdcIdentity p12 = KdcIdentityLoader.load(pkcs12(lab.layout().kdc().pkcs12(), null), "LAB.EXAMPLE", Instant.now());
        assertEquals(expected, pem.certificate());
        assertEquals(expected, p12.certificate());
        assertEquals(pem.chain(), p12.chain(), "the issuing CA comes with the certificate either way");

        Path protectedP12 = dir.resolve("kdc-protected.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("kdc", p12.privateKey(), "s3cret".toCharArray(), new Certificate[] {expected});
        try (OutputStream out = Files.newOutputStream(protectedP12)) {
            ks.store(out, "s3cret".toCharArray());
        }
        Path password = dir.resolve("p12.pw");
        Files.writeString(password, "s3cret\n");
        assertEquals(expected, KdcIdentityLoader.load(pkcs12(protectedP12, password), "LAB.EXAMPLE", Instant.now())
                .certificate());
        assertThrows(IOException.class, () -> KdcIdentityLoader.load(pkcs12(protectedP12, null), "LAB.EXAMPLE",
                Instant.now()), "a protected PKCS#12 without its password is an error, not a crash");
    }
}
