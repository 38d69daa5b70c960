package dev.pkinitkdc.it;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import java.nio.file.Path;

/** An LDAP connection to a running lab KDC's embedded directory that may change it. */
final class DirectoryWriter {
    private DirectoryWriter() {
    }

    static LDAPConnection connect(Path conf, LDAPURL url) throws Exception {
        return new LDAPConnection(url.getHost(), url.getPort());
    }
}
