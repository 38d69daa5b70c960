package dev.pkinitkdc.kdc.assembly;

import dev.pkinitkdc.conf.ConfigLines;
import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.conf.NtAuthSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The config file and the files it names whose change reloads the policy: trust anchors and intermediates,
 * NTAuth files and folders, CRL mirror files and folders, the krbtgt keytab, the service keytabs. The identity's files are watched by
 * the identity itself ({@code [identity] reload_interval}). A stamp is a file's modification time, size and
 * identity (inode), a folder's the stamps of the non-hidden files directly inside.
 */
final class WatchedFiles {
    private final Path configFile;
    private final Map<ConfigLines.Key, List<Path>> byKey;

    private WatchedFiles(Path configFile, Map<ConfigLines.Key, List<Path>> byKey) {
        this.configFile = configFile;
        this.byKey = byKey;
    }

    static WatchedFiles of(KdcConfig config) {
        Map<ConfigLines.Key, List<Path>> byKey = new LinkedHashMap<>();
        byKey.put(new ConfigLines.Key("trust", "anchors"), config.trust().anchors());
        byKey.put(new ConfigLines.Key("trust", "intermediates"), config.trust().intermediates());
        if (config.ntauth().source() == NtAuthSettings.Source.FILES) {
            byKey.put(new ConfigLines.Key("ntauth", "files"), config.ntauth().files());
        }
        byKey.put(new ConfigLines.Key("revocation", "crl_mirror"), config.revocation().crlMirror());
        byKey.put(new ConfigLines.Key("krbtgt", "keytab"), List.of(config.krbtgt().keytab()));
        byKey.put(new ConfigLines.Key("services", "keytabs"), config.services().keytabs());
        return new WatchedFiles(config.file(), byKey);
    }

    /**
     * The key of {@code config} that names {@code file} (directly, or as a folder holding it), the identity's
     * files included, for a message that says which key's file could not be read.
     */
    static java.util.Optional<ConfigLines.Key> keyNaming(KdcConfig config, Path file) {
        Map<ConfigLines.Key, List<Path>> keys = new LinkedHashMap<>(of(config).byKey);
        config.identity().certificate().ifPresent(p -> keys.put(new ConfigLines.Key("identity", "certificate"),
                List.of(p)));
        config.identity().key().ifPresent(p -> keys.put(new ConfigLines.Key("identity", "key"), List.of(p)));
        config.identity().pkcs12().ifPresent(p -> keys.put(new ConfigLines.Key("identity", "pkcs12"), List.of(p)));
        keys.put(new ConfigLines.Key("identity", "chain"), config.identity().chain());
        return keys.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(p -> file.equals(p) || file.startsWith(p)))
                .map(Map.Entry::getKey).findFirst();
    }

    /** The stamp of every watched path, the config file's included. */
    Map<Path, String> stamps() {
        Map<Path, String> out = new HashMap<>();
        out.put(configFile, stamp(configFile));
        byKey.values().forEach(paths -> paths.forEach(p -> out.put(p, stamp(p))));
        return out;
    }

    /** {@code now}, plus the stamps of paths only this set watches (they were not looked at before). */
    Map<Path, String> including(Map<Path, String> now) {
        Map<Path, String> out = new HashMap<>(stamps());
        out.putAll(now);
        return out;
    }

    /** The keys whose files' stamps differ between {@code before} and {@code now}. */
    List<ConfigLines.Key> changed(Map<Path, String> before, Map<Path, String> now) {
        List<ConfigLines.Key> out = new ArrayList<>();
        byKey.forEach((key, paths) -> {
            if (paths.stream().anyMatch(p -> !String.valueOf(before.get(p)).equals(String.valueOf(now.get(p))))) {
                out.add(key);
            }
        });
        return out;
    }

    private static String stamp(Path path) {
        if (Files.isDirectory(path)) {
            StringBuilder sb = new StringBuilder("folder");
            try (Stream<Path> children = Files.list(path)) {
                children.filter(c -> !c.getFileName().toString().startsWith(".")).sorted()
                        .forEach(c -> sb.append('|').append(c.getFileName()).append('=').append(fileStamp(c)));
            } catch (IOException e) {
                sb.append("|unreadable ").append(e.getMessage());
            }
            return sb.toString();
        }
        return fileStamp(path);
    }

    private static String fileStamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return a.lastModifiedTime().toMillis() + "/" + a.size() + "/" + a.fileKey();
        } catch (IOException e) {
            return "absent";
        }
    }
}
