package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** {@code [identity]}: (certificate and key) xor pkcs12; pkcs12_password_file only with pkcs12. */
final class IdentitySectionBinder implements SectionBinder<IdentitySettings> {
    @Override
    public String name() {
        return "identity";
    }

    @Override
    public Set<String> keys() {
        return Set.of("certificate", "key", "pkcs12", "pkcs12_password_file", "chain", "reload_interval", "ocsp_staple",
                "ocsp_staple_file");
    }

    @Override
    public IdentitySettings bind(Section s) throws ConfigException {
        Optional<Path> certificate = s.optional("certificate", s::path);
        Optional<Path> key = s.optional("key", s::path);
        Optional<Path> pkcs12 = s.optional("pkcs12", s::path);
        Optional<Path> password = s.optional("pkcs12_password_file", s::path);
        if (pkcs12.isPresent() && (certificate.isPresent() || key.isPresent())) {
            throw s.error("pkcs12", "give certificate and key, or pkcs12, not both");
        }
        if (pkcs12.isEmpty()) {
            if (certificate.isEmpty() && key.isEmpty()) {
                throw s.missing("certificate", "is required (give certificate and key, or pkcs12)");
            }
            if (certificate.isEmpty()) {
                throw s.missing("certificate", "is required with key");
            }
            if (key.isEmpty()) {
                throw s.missing("key", "is required with certificate");
            }
            if (password.isPresent()) {
                throw s.error("pkcs12_password_file", "only applies to pkcs12");
            }
        }
        IdentitySettings.OcspStaple staple = s.orDefault("ocsp_staple", IdentitySectionBinder::ocspStaple,
                IdentitySettings.OcspStaple.OFF);
        Optional<Path> stapleFile = s.optional("ocsp_staple_file", s::path);
        if (staple == IdentitySettings.OcspStaple.FILE && stapleFile.isEmpty()) {
            throw s.missing("ocsp_staple_file", "is required with ocsp_staple = file");
        }
        if (staple != IdentitySettings.OcspStaple.FILE && stapleFile.isPresent()) {
            throw s.error("ocsp_staple_file", "only applies to ocsp_staple = file");
        }
        return new IdentitySettings(certificate, key, pkcs12, password, s.list("chain", s::path),
                s.orDefault("reload_interval", Values::duration, IdentitySettings.DEFAULT_RELOAD_INTERVAL),
                staple, stapleFile);
    }

    private static IdentitySettings.OcspStaple ocspStaple(String text) throws InvalidValueException {
        for (IdentitySettings.OcspStaple mode : IdentitySettings.OcspStaple.values()) {
            if (mode.name().toLowerCase(java.util.Locale.ROOT).equals(text)) {
                return mode;
            }
        }
        throw new InvalidValueException("\"" + text + "\" is not off, fetch or file");
    }
}
