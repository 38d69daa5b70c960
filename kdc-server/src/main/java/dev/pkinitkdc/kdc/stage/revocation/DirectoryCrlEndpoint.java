package dev.pkinitkdc.kdc.stage.revocation;

import dev.pkinitkdc.mapping.ldap.LdapConnections;
import dev.pkinitkdc.mapping.ldap.LdapDirectorySettings;
import dev.pkinitkdc.revocation.crl.DirectoryEndpoint;
import java.util.List;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;

/**
 * The KDC's {@code [directory]} as the place host-less LDAP CRL distribution points are asked (AD CS's
 * {@code ldap:///CN=...,CN=CDP,CN=Public Key Services,...}): its URLs in order, its bind DN and password, its TLS
 * mode and CA file, exactly as the account lookups reach it. For the embedded directory that is its loopback
 * listener, where the Public Key Services subtree is readable without a bind.
 */
public final class DirectoryCrlEndpoint implements DirectoryEndpoint {
    private final LdapDirectorySettings settings;
    private final LdapConnections connections;

    /** @throws IllegalArgumentException when TLS is used and the CA file cannot be read */
    public DirectoryCrlEndpoint(LdapDirectorySettings settings) {
        this.settings = settings;
        this.connections = new LdapConnections(settings);
    }

    @Override
    public List<LdapConnectionConfig> connectionConfigs() {
        return settings.urls().stream().map(connections::config).toList();
    }

    @Override
    public String describe() {
        return settings.urls() + " " + settings.bindDn().map(dn -> "bound as " + dn).orElse("anonymously")
                + ", tls " + settings.tls().name().toLowerCase(java.util.Locale.ROOT);
    }
}
