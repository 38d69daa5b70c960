package dev.pkinitkdc.it;

import dev.pkinitkdc.pkinit.cert.PemFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;

/**
 * A simulated smart card: a SoftHSM2 token in a private token store (SOFTHSM2_CONF names a softhsm2.conf in the
 * test's folder, never the system's), holding a lab user's private key and certificate under one CKA_ID, loaded
 * with OpenSC's pkcs11-tool as a card management tool would.
 */
final class SoftHsmToken {
    private static final List<Path> MODULES = List.of(Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"));
    private static final String SO_PIN = "87654321";
    private static final String OBJECT_ID = "01";

    final Path module;
    final String label;
    final String pin;
    private final Path conf;

    private SoftHsmToken(Path module, Path conf, String label, String pin) {
        this.module = module;
        this.conf = conf;
        this.label = label;
        this.pin = pin;
    }

    /** Fails, never skips, when SoftHSM2 is missing: the test command installs it. */
    static Path module() {
        return MODULES.stream().filter(Files::isReadable).findFirst().orElseThrow(() -> new IllegalStateException(
                "SoftHSM2 not installed (no libsofthsm2.so): run scripts/install-test-deps.sh"));
    }

    static SoftHsmToken create(Path dir, String label, String pin, Path certificate, Path privateKey)
            throws IOException, InterruptedException, GeneralSecurityException {
        Path module = module();
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Path conf = dir.resolve("softhsm2.conf");
        Files.writeString(conf, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\n");
        SoftHsmToken token = new SoftHsmToken(module, conf, label, pin);
        ClientProcess.check(List.of("softhsm2-util", "--init-token", "--free", "--label", label,
                "--so-pin", SO_PIN, "--pin", pin), token.environment());
        Path keyDer = dir.resolve("key.der");
        Path certDer = dir.resolve("cert.der");
        Files.write(keyDer, PemFiles.privateKey(privateKey).getEncoded());   // PKCS#8
        Files.write(certDer, PemFiles.certificate(certificate).getEncoded());
        try {
            token.write(keyDer, "privkey");
            token.write(certDer, "cert");
        } finally {
            Files.deleteIfExists(keyDer);
        }
        return token;
    }

    private void write(Path object, String type) throws IOException, InterruptedException {
        ClientProcess.check(List.of("pkcs11-tool", "--module", module.toString(), "--token-label", label, "--login",
                "--pin", pin, "--write-object", object.toString(), "--type", type, "--id", OBJECT_ID,
                "--label", label), environment());
    }

    Map<String, String> environment() {
        return Map.of("SOFTHSM2_CONF", conf.toString());
    }

    /** MIT's PKCS#11 identity (krb5.conf(5) pkinit_identities): module, and the token by its label. */
    String mitIdentity() {
        return "PKCS11:module_name=" + module + ":token=" + label;
    }
}
