package dev.pkinitkdc.kdc.stage.map;

import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.conf.MappingSettings;
import dev.pkinitkdc.mapping.CertificateMapper;
import dev.pkinitkdc.mapping.DirectoryCertificateMapper;
import dev.pkinitkdc.mapping.MappingPolicy;
import dev.pkinitkdc.mapping.StrongMappingEnforcement;
import dev.pkinitkdc.mapping.directory.AccountDirectory;

/** The certificate mapper a config describes, the same for the KDC and for {@code explain}. */
public final class ConfiguredMapper {
    private ConfiguredMapper() {
    }

    public static CertificateMapper create(AccountDirectory directory, KdcConfig config) {
        return new DirectoryCertificateMapper(directory, config.kdc().realm(), policy(config.mapping()));
    }

    static MappingPolicy policy(MappingSettings m) {
        StrongMappingEnforcement enforcement = switch (m.enforcement()) {
            case OFF -> StrongMappingEnforcement.OFF;
            case COMPATIBILITY -> StrongMappingEnforcement.COMPATIBILITY;
            case FULL -> StrongMappingEnforcement.FULL;
        };
        return MappingPolicy.defaults().withEnforcement(enforcement).withUseSubjectAltName(m.useSubjectAltName())
                .withBackdatingCompensation(m.backdatingCompensation());
    }
}
