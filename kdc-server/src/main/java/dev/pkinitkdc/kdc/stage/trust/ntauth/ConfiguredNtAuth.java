package dev.pkinitkdc.kdc.stage.trust.ntauth;

import dev.pkinitkdc.conf.NtAuthSettings;
import dev.pkinitkdc.mapping.ldap.LdapDirectorySettings;
import dev.pkinitkdc.mapping.ldap.LdapNtAuthCertificates;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The NTAuth check an {@code [ntauth]} section describes, with the resources behind it. */
public final class ConfiguredNtAuth implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfiguredNtAuth.class);

    /** The WARN line of {@code source = off}, also printed by {@code config check}. */
    public static final String OFF_WARNING = "!!! [ntauth] source = off: certificates from ANY trusted CA can log on; "
            + "the NTAuth check (MS-PKCA 3.1.5.2.1.1) is disabled. Lab use only. !!!";

    private final NtAuthPolicy policy;
    private final RefreshingNtAuthStore store;
    private final AutoCloseable[] resources;

    private ConfiguredNtAuth(NtAuthPolicy policy, RefreshingNtAuthStore store, AutoCloseable... resources) {
        this.policy = policy;
        this.store = store;
        this.resources = resources;
    }

    /** The running KDC's: first load now (failing: the KDC does not start), then a reload every interval. */
    public static ConfiguredNtAuth start(NtAuthSettings settings, LdapDirectorySettings directory)
            throws IOException {
        if (settings.source() == NtAuthSettings.Source.OFF) {
            LOG.warn(OFF_WARNING);
            return new ConfiguredNtAuth(NtAuthPolicy.off(), null);
        }
        LdapNtAuthCertificates ldap = null;
        NtAuthSource source;
        if (settings.source() == NtAuthSettings.Source.DIRECTORY) {
            ldap = new LdapNtAuthCertificates(directory);
            source = new DirectoryNtAuthSource(ldap, directory.baseDn());
        } else {
            source = new FileNtAuthSource(settings.files());
        }
        try {
            RefreshingNtAuthStore store = RefreshingNtAuthStore.start(source, settings.refreshInterval());
            return new ConfiguredNtAuth(new NtAuthPolicy(store, source.describe()), store, store, ldap);
        } catch (IOException | RuntimeException e) {
            if (ldap != null) {
                ldap.close();
            }
            throw e;
        }
    }

    /** One load, no refresh: what {@code explain} checks against. */
    public static NtAuthPolicy snapshot(NtAuthSettings settings, LdapDirectorySettings directory)
            throws IOException {
        switch (settings.source()) {
            case OFF:
                return NtAuthPolicy.off();
            case FILES:
                FileNtAuthSource files = new FileNtAuthSource(settings.files());
                NtAuthStore fromFiles = files.load();
                return new NtAuthPolicy(() -> fromFiles, files.describe());
            default:
                try (LdapNtAuthCertificates ldap = new LdapNtAuthCertificates(directory)) {
                    DirectoryNtAuthSource source = new DirectoryNtAuthSource(ldap, directory.baseDn());
                    NtAuthStore fromDirectory = source.load();
                    return new NtAuthPolicy(() -> fromDirectory, source.describe());
                }
        }
    }

    public NtAuthPolicy policy() {
        return policy;
    }

    /** Reads the store again now (a reload asks), as the periodic refresh does: a failure keeps the last good one. */
    public void refresh() {
        if (store != null) {
            store.refresh();
        }
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
