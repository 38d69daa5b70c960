package dev.pkinitkdc.kdc.tool.lab;

import dev.pkinitkdc.kdc.support.files.SecretFiles;
import dev.pkinitkdc.kdc.support.keytab.KeytabFile;
import dev.pkinitkdc.kdc.support.keytab.KeytabKey;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The lab's service keytabs, {@code keytabs/host.keytab} and {@code keytabs/HTTP.keytab}: random keys of every
 * {@link Enctype} for {@code host/localhost} and {@code HTTP/localhost}, the services the KDC issues tickets for
 * ({@code [services] keytabs}) and a service on this machine decrypts them with ({@code kvno -k}).
 */
final class ServiceKeytab {
    static final String HOST = "localhost";
    static final List<String> SERVICES = List.of("host", "HTTP");

    private ServiceKeytab() {
    }

    /** Writes the keytab of each lab service that has none yet (mode 0600); existing ones are kept. */
    static void ensureAll(Path folder, Function<String, Path> keytabOf, String realm)
            throws IOException {
        Files.createDirectories(folder);
        for (String service : SERVICES) {
            Path file = keytabOf.apply(service);
            if (!Files.exists(file)) {
                List<KeytabKey> keys = new ArrayList<>();
                for (Enctype type : Enctype.values()) {
                    keys.add(KrbtgtKeytab.newKey(realm, List.of(service, HOST), type, KrbtgtKeytab.KVNO));
                }
                SecretFiles.write(file, out -> KeytabFile.write(out, keys));
            }
        }
    }
}
