package dev.pkinitkdc.mapping.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A slapd.conf (slapd.conf(5)) for one mdb database: OpenLDAP's core, cosine and inetorgperson schemas plus the
 * shipped AD schema, everything (pid, args, database) inside the fixture's directory, anonymous read.
 */
record SlapdConf(Path dir, Path adSchema, String baseDn, String rootDn, String rootPassword,
                 Optional<ServerTls> tls) {
    static final Path SYSTEM_SCHEMAS = Path.of("/etc/ldap/schema");
    static final Path MODULES = Path.of("/usr/lib/ldap");

    Path file() {
        return dir.resolve("slapd.conf");
    }

    Path database() {
        return dir.resolve("db");
    }

    String render() {
        StringBuilder conf = new StringBuilder();
        for (String schema : List.of("core", "cosine", "inetorgperson")) {
            conf.append("include ").append(SYSTEM_SCHEMAS.resolve(schema + ".schema")).append('\n');
        }
        conf.append("include ").append(adSchema).append('\n')
                .append("pidfile ").append(dir.resolve("slapd.pid")).append('\n')
                .append("argsfile ").append(dir.resolve("slapd.args")).append('\n')
                .append("modulepath ").append(MODULES).append('\n')
                .append("moduleload back_mdb\n");
        tls.ifPresent(t -> conf.append("TLSCertificateFile ").append(t.certificate()).append('\n')
                .append("TLSCertificateKeyFile ").append(t.key()).append('\n'));
        return conf.append("database mdb\n")
                .append("maxsize 67108864\n")
                .append("suffix ").append(quoted(baseDn)).append('\n')
                .append("rootdn ").append(quoted(rootDn)).append('\n')
                .append("rootpw ").append(rootPassword).append('\n')
                .append("directory ").append(database()).append('\n')
                .append("index objectClass eq\n")
                .append("index sAMAccountName,userPrincipalName,altSecurityIdentities eq,sub\n")
                .append("access to * by * read\n")
                .toString();
    }

    private static String quoted(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
