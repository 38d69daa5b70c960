package dev.pkinitkdc.it;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import dev.pkinitkdc.kdc.support.directory.DirectorySecret;
import java.nio.file.Path;

/**
 * An LDAP connection that may change a running lab KDC's embedded directory: bound as the project's tools bind,
 * with the secret the KDC keeps beside its config.
 */
final class DirectoryWriter {
    private DirectoryWriter() {
    }

    static LDAPConnection connect(Path conf, LDAPURL url) throws Exception {
        return new LDAPConnection(url.getHost(), url.getPort(), DirectorySecret.BIND_DN,
                DirectorySecret.read(conf).orElseThrow());
    }
}
