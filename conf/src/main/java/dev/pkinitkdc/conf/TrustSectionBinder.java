package dev.pkinitkdc.conf;

import java.util.Set;

/** {@code [trust]}. */
final class TrustSectionBinder implements SectionBinder<TrustSettings> {
    @Override
    public String name() {
        return "trust";
    }

    @Override
    public Set<String> keys() {
        return Set.of("anchors", "intermediates", "allow_sha1", "max_path_length", "allow_no_eku", "allowed_ca_thumbprints", "fetch_ca_issuers",
                "ca_issuers_timeout", "validity_skew", "max_path_candidates", "ca_issuers_allowed_hosts");
    }

    @Override
    public TrustSettings bind(Section s) throws ConfigException {
        TrustSettings settings = new TrustSettings(s.requiredList("anchors", s::path), s.list("intermediates", s::path),
                s.orDefault("allow_sha1", Values::bool, false),
                s.orDefault("max_path_length", Values::positiveInt, TrustSettings.DEFAULT_MAX_PATH_LENGTH),
                s.orDefault("allow_no_eku", Values::bool, false),
                s.list("allowed_ca_thumbprints", Values::sha1Thumbprint),
                s.orDefault("fetch_ca_issuers", Values::bool, false),
                s.orDefault("ca_issuers_timeout", Values::duration, java.time.Duration.ofSeconds(2)),
                s.orDefault("validity_skew", Values::duration, java.time.Duration.ZERO),
                s.orDefault("max_path_candidates", Values::positiveInt, TrustSettings.DEFAULT_MAX_PATH_CANDIDATES),
                s.list("ca_issuers_allowed_hosts", Values::host));
        // a client certificate chooses its caIssuers URLs: without a list of hosts the KDC would fetch any of them
        if (settings.fetchCaIssuers() && settings.caIssuersAllowedHosts().isEmpty()) {
            throw s.error("fetch_ca_issuers", "needs ca_issuers_allowed_hosts (the hosts of your CAs' AIA URLs)");
        }
        return settings;
    }
}
