package dev.pkinitkdc.kdc.tool.configcheck;

import dev.pkinitkdc.conf.ConfigException;
import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.conf.DirectorySettings;
import dev.pkinitkdc.conf.DirectoryType;
import dev.pkinitkdc.conf.IdentitySettings;
import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.conf.NtAuthSettings;
import dev.pkinitkdc.kdc.assembly.PolicyAssembly;
import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.stage.trust.ntauth.FileNtAuthSource;
import dev.pkinitkdc.kdc.support.files.BoundedFiles;
import dev.pkinitkdc.kdc.support.identity.KdcCertificateCheck;
import dev.pkinitkdc.kdc.support.identity.KdcIdentityLoader;
import dev.pkinitkdc.pkinit.KdcIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Validates a kdc.conf without starting anything: parses it (with environment overrides) and loads the files it
 * names (KDC identity with the checks a start makes, anchors, intermediates, krbtgt keytab, NTAuth files, password
 * files). Binds no port, starts no directory. A file that does not load is a {@link ConfigException} at the line
 * (or environment variable) of the key naming it.
 */
public final class ConfigCheck {
    /** A usable config, what a start would warn about, and the keys the environment set. */
    public record Result(KdcConfig config, List<String> warnings, List<String> environmentOverrides) {
        public Result {
            warnings = List.copyOf(warnings);
            environmentOverrides = List.copyOf(environmentOverrides);
        }
    }

    /** A load step that may fail with an I/O error. */
    @FunctionalInterface
    private interface Load<T> {
        T run() throws IOException;
    }

    private final ConfigParser.Parsed parsed;

    private ConfigCheck(ConfigParser.Parsed parsed) {
        this.parsed = parsed;
    }

    public static Result check(Path file, Map<String, String> env, Instant now) throws ConfigException {
        try {
            BoundedFiles.check(file, BoundedFiles.CONFIG, "config file");
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, null, e.getMessage());
        }
        ConfigParser.Parsed parsed = ConfigParser.parseWithOverrides(file, env);
        return new ConfigCheck(parsed).loadAll(now);
    }

    private Result loadAll(Instant now) throws ConfigException {
        KdcConfig c = parsed.config();
        List<String> warnings = new ArrayList<>(ConfigWarnings.all(c));
        KdcIdentity identity = identity(c.identity(), now);
        KdcCertificateCheck.warnings(identity.certificate(), c.kdc().realm(), now)
                .forEach(w -> warnings.add("KDC certificate " + KdcCertificateCheck.thumbprint(identity.certificate())
                        + ": " + w));
        for (Path anchor : c.trust().anchors()) {
            load("trust", "anchors", () -> BoundedFiles.certificates(anchor));
        }
        for (Path intermediate : c.trust().intermediates()) {
            load("trust", "intermediates", () -> BoundedFiles.certificates(intermediate));
        }
        load("krbtgt", "keytab", () -> KrbtgtKeys.load(c.krbtgt().keytab(), c.kdc().realm(),
                PolicyAssembly.enctypes(c.krbtgt().ticketEnctypes())));
        directory(c.directory());
        if (c.ntauth().source() == NtAuthSettings.Source.FILES) {
            if (load("ntauth", "files", () -> new FileNtAuthSource(c.ntauth().files()).load()).cas().isEmpty()) {
                warnings.add("[ntauth] files hold no CA certificate: every certificate logon is refused (62)");
            }
        }
        for (Path mirror : c.revocation().crlMirror()) {
            load("revocation", "crl_mirror", () -> exists(mirror));
        }
        if (c.audit().file().isPresent()) {
            load("audit", "file", () -> writable(c.audit().file().get()));
        }
        return new Result(c, warnings, parsed.environmentOverrides());
    }

    private KdcIdentity identity(IdentitySettings id, Instant now) throws ConfigException {
        String main = id.pkcs12().isPresent() ? "pkcs12" : "certificate";
        if (id.pkcs12().isPresent()) {
            passwordFile("identity", "pkcs12_password_file", id.pkcs12PasswordFile());
        } else {
            load("identity", "certificate", () -> BoundedFiles.certificates(id.certificate().orElseThrow()));
            load("identity", "key", () -> BoundedFiles.privateKey(id.key().orElseThrow()));
        }
        for (Path chain : id.chain()) {
            load("identity", "chain", () -> BoundedFiles.certificates(chain));
        }
        if (id.ocspStaple() == IdentitySettings.OcspStaple.FILE && id.ocspStapleFile().isPresent()) {
            load("identity", "ocsp_staple_file", () -> readable(id.ocspStapleFile().get()));
        }
        return load("identity", main, () -> {
            KdcIdentity identity = KdcIdentityLoader.read(id);
            KdcCertificateCheck.requireUsable(identity, now);
            return identity;
        });
    }

    private void directory(DirectorySettings d) throws ConfigException {
        if (d.type() == DirectoryType.EMBEDDED) {
            for (Path ldif : d.ldif()) {
                load("directory", "ldif", () -> readable(ldif));
            }
        }
        passwordFile("directory", "bind_password_file", d.bindPasswordFile());
        if (d.caFile().isPresent()) {
            load("directory", "ca_file", () -> BoundedFiles.certificates(d.caFile().get()));
        }
    }

    private void passwordFile(String section, String key, Optional<Path> file) throws ConfigException {
        if (file.isPresent()) {
            load(section, key, () -> {
                return BoundedFiles.firstLine(file.get());
            });
        }
    }

    private <T> T load(String section, String key, Load<T> step) throws ConfigException {
        try {
            return step.run();
        } catch (IOException | RuntimeException e) {
            throw parsed.error(section, key, "cannot load: " + describe(e));
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return e instanceof NoSuchFileException ? message + ": no such file" : message;
    }

    private static Path readable(Path file) throws IOException {
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            throw new IOException(file + ": not a readable file");
        }
        return file;
    }

    /** A file that can be appended to, or created (with its missing folders) in a writable folder. */
    private static Path writable(Path file) throws IOException {
        if (Files.exists(file)) {
            if (Files.isDirectory(file) || !Files.isWritable(file)) {
                throw new IOException(file + ": not a writable file");
            }
            return file;
        }
        Path folder = file.toAbsolutePath().getParent();
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (folder == null || !Files.isDirectory(folder) || !Files.isWritable(folder)) {
            throw new IOException(file + ": cannot be created, " + folder + " is not a writable folder");
        }
        return file;
    }

    private static Path exists(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IOException(path + ": no such file or folder");
        }
        return path;
    }
}
