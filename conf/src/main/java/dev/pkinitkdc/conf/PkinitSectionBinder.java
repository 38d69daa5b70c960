package dev.pkinitkdc.conf;

import java.util.Set;

/** {@code [pkinit]}. */
final class PkinitSectionBinder implements SectionBinder<PkinitSettings> {
    @Override
    public String name() {
        return "pkinit";
    }

    @Override
    public Set<String> keys() {
        return Set.of("dh_min_bits", "ecdh_min_bits", "rsa_key_transport", "require_freshness",
                "require_pa_checksum2", "max_certificates", "max_certificate_bytes", "allow_sha1_signature",
                "min_rsa_bits");
    }

    @Override
    public PkinitSettings bind(Section s) throws ConfigException {
        return new PkinitSettings(s.orDefault("dh_min_bits", Values::positiveInt, PkinitSettings.DEFAULT_DH_MIN_BITS),
                s.orDefault("ecdh_min_bits", Values::positiveInt, PkinitSettings.DEFAULT_ECDH_MIN_BITS),
                s.orDefault("rsa_key_transport", Values::bool, true),
                s.orDefault("require_freshness", Values::bool, false),
                s.orDefault("require_pa_checksum2", Values::bool, false),
                s.orDefault("max_certificates", Values::positiveInt, PkinitSettings.DEFAULT_MAX_CERTIFICATES),
                s.orDefault("max_certificate_bytes", Values::size, PkinitSettings.DEFAULT_MAX_CERTIFICATE_BYTES),
                s.orDefault("allow_sha1_signature", Values::bool, false),
                s.orDefault("min_rsa_bits", Values::positiveInt, PkinitSettings.DEFAULT_MIN_RSA_BITS));
    }
}
