package dev.pkinitkdc.revocation.crl;

import java.util.List;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;

/**
 * The directory a host-less LDAP URL is resolved against (RFC 4516 2: {@code ldap:///dn?...} leaves the server to
 * the client; AD CS writes its CDP and AIA URLs so, meaning "your domain controller"): the KDC's configured
 * {@code [directory]}, with its bind and TLS.
 */
public interface DirectoryEndpoint {
    /**
     * The settings to connect to each of the directory's servers with, in failover order: host, port, TLS
     * (LDAPS or StartTLS, trust) and bind (name and credentials; none: anonymous). New objects on each call, so
     * the caller may set its own timeouts on them.
     */
    List<LdapConnectionConfig> connectionConfigs();

    /** Where the directory is, for logs and answers: URLs and bind DN, never a password. */
    String describe();
}
