package dev.pkinitkdc.mapping.ldap;

import java.net.URI;
import javax.net.ssl.TrustManager;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;

/**
 * The Apache Directory LDAP API connection settings for one URL: host and port, bind, the connect and operation
 * timeouts, and TLS ({@link Tls}). The trust managers are built once for all URLs of a directory. Public for the
 * KDC's other LDAP client, the CRL source's host-less distribution points, which reach the directory the same way.
 */
public final class LdapConnections {
    private final LdapDirectorySettings settings;
    private final TrustManager[] trust;

    /** @throws IllegalArgumentException when TLS is used and the CA file cannot be read */
    public LdapConnections(LdapDirectorySettings settings) {
        this.settings = settings;
        boolean anyTls = settings.urls().stream().anyMatch(url -> settings.tls().forUrl(url) != Tls.NONE);
        this.trust = anyTls ? LdapTrust.trustManagers(settings.caFile()) : null;
    }

    /** A new config for {@code url} (one of the settings' URLs) on each call. */
    public LdapConnectionConfig config(URI url) {
        Tls tls = settings.tls().forUrl(url);
        LdapConnectionConfig config = new LdapConnectionConfig();
        config.setLdapHost(url.getHost());
        config.setLdapPort(url.getPort() > 0 ? url.getPort()
                : tls == Tls.LDAPS ? LdapConnectionConfig.DEFAULT_LDAPS_PORT : LdapConnectionConfig.DEFAULT_LDAP_PORT);
        long millis = settings.timeout().toMillis();
        config.setTimeout(millis); // operations, and the TLS handshake
        config.setConnectTimeout(millis);
        settings.bindDn().ifPresent(config::setName);
        settings.bindPassword().ifPresent(config::setCredentials);
        if (tls != Tls.NONE) {
            config.setUseSsl(tls == Tls.LDAPS);
            config.setUseTls(tls == Tls.STARTTLS); // StartTLS runs in connect(), before the bind (RFC 4513 3.1.1)
            config.setTrustManagers(settings.verifyHostname()
                    ? new TrustManager[] {LdapTrust.checkingHost(trust, url.getHost())} : trust);
        }
        return config;
    }
}
