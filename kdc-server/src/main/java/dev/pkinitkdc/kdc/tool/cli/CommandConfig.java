package dev.pkinitkdc.kdc.tool.cli;

import dev.pkinitkdc.kdc.support.files.BoundedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The config file management commands ({@code explain}, {@code ntauth}) read: {@code --config}, else the lab's. */
public final class CommandConfig {
    /** Where {@code bin/pkinit-kdc lab} writes its configuration by default. */
    public static final Path DEFAULT = Path.of("lab", "kdc.conf");

    private CommandConfig() {
    }

    /** @return {@code config} once it is readable; a usage error naming the command otherwise */
    public static Path readable(Path config, String command, String usage) throws UsageException {
        if (!Files.isReadable(config)) {
            throw new UsageException(command + ": no config " + config + " (give --config FILE)\n" + usage);
        }
        try {
            BoundedFiles.check(config, BoundedFiles.CONFIG, "config file");
        } catch (IOException e) {
            throw new UsageException(command + ": " + e.getMessage() + "\n" + usage);
        }
        return config;
    }
}
