package dev.pkinitkdc.kdc.map;

import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.mapping.CertificateMapper;
import dev.pkinitkdc.mapping.DirectoryCertificateMapper;
import dev.pkinitkdc.mapping.directory.AccountDirectory;

/** The certificate mapper a config describes, the same for the KDC and for {@code explain}. */
public final class ConfiguredMapper {
    private ConfiguredMapper() {
    }

    public static CertificateMapper create(AccountDirectory directory, KdcConfig config) {
        return new DirectoryCertificateMapper(directory, config.kdc().realm());
    }
}
