package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.Objects;

/** A parsed kdc.conf (conf/README.md). All paths in it are absolute. */
public record KdcConfig(Path file, KdcSettings kdc, IdentitySettings identity, TrustSettings trust,
                        PkinitSettings pkinit, DirectorySettings directory, KrbtgtSettings krbtgt,
                        MappingSettings mapping, AttributeSettings attributes,
                        NtAuthSettings ntauth, RevocationSettings revocation, AuditSettings audit,
                        MetricsSettings metrics, ServicesSettings services) {
    public KdcConfig {
        Objects.requireNonNull(file);
        Objects.requireNonNull(kdc);
        Objects.requireNonNull(identity);
        Objects.requireNonNull(trust);
        Objects.requireNonNull(pkinit);
        Objects.requireNonNull(directory);
        Objects.requireNonNull(krbtgt);
        Objects.requireNonNull(mapping);
        Objects.requireNonNull(attributes);
        Objects.requireNonNull(ntauth);
        Objects.requireNonNull(revocation);
        Objects.requireNonNull(audit);
        Objects.requireNonNull(metrics);
        Objects.requireNonNull(services);
    }
}
