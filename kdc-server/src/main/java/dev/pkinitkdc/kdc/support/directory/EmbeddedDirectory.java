package dev.pkinitkdc.kdc.support.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import dev.pkinitkdc.conf.HostPort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * A real LDAP server inside the KDC process (UnboundID in-memory directory). The KDC reaches it over TCP through
 * the same client code as an external directory. Schema checking is off so Active Directory attribute names
 * (sAMAccountName, userPrincipalName, objectSid, ...) can be used without an AD schema.
 */
public final class EmbeddedDirectory implements AutoCloseable {
    private static final String LISTENER = "ldap";

    private final InMemoryDirectoryServer server;
    private final String host;

    private EmbeddedDirectory(InMemoryDirectoryServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /**
     * A directory whose LDAP listener anyone may read and nobody can change over the network: an LDAP server for
     * tests (the KDC's own embedded directory is the guarded one below).
     */
    public static EmbeddedDirectory start(String host, int port, String baseDn, List<Path> ldifFiles)
            throws LDAPException {
        return start(host, port, baseDn, ldifFiles, Optional.empty());
    }

    /**
     * Starts a directory for {@code baseDn} listening on {@code host:port} (port 0: any free port), loaded with the
     * entries of the LDIF files in order. Over LDAP, adds, modifies, renames, deletes and extended operations need
     * a bind, refused with insufficientAccessRights (50) otherwise. With {@code toolsPassword} (the guarded
     * directory the KDC runs) a bind as {@link DirectorySecret#BIND_DN} with it may write, and before a bind only
     * the root DSE and the public PKI objects may be read ({@link AnonymousReadScope}); without, reads are open
     * and nothing can write.
     */
    public static EmbeddedDirectory start(String host, int port, String baseDn, List<Path> ldifFiles,
                                          Optional<String> toolsPassword) throws LDAPException {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(baseDn);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig(LISTENER, address(host), port, null));
        config.setAuthenticationRequiredOperationTypes(EnumSet.of(OperationType.ADD, OperationType.DELETE,
                OperationType.MODIFY, OperationType.MODIFY_DN, OperationType.EXTENDED));
        if (toolsPassword.isPresent()) {
            config.addAdditionalBindCredentials(DirectorySecret.BIND_DN, toolsPassword.get());
            config.addInMemoryOperationInterceptor(new AnonymousReadScope(baseDn));
        }
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        for (Path ldif : ldifFiles) {
            server.importFromLDIF(false, ldif.toFile());
        }
        server.startListening();
        return new EmbeddedDirectory(server, host);
    }

    /** {@code ldap://host:port}, with the port actually bound. */
    public String uri() {
        return "ldap://" + HostPort.format(host, port());
    }

    public int port() {
        return server.getListenPort(LISTENER);
    }

    /** Direct, in-process access to the data (no network), for tests and seeding. */
    public LDAPInterface ldap() {
        return server;
    }

    /**
     * Applies LDIF change records (RFC 2849), e.g. {@code "dn: CN=alice,...", "changetype: modify",
     * "replace: userAccountControl", "userAccountControl: 514"}; records are separated by empty strings.
     */
    public void apply(String... ldifLines) throws LDAPException {
        try (LDIFReader reader = new LDIFReader(
                new BufferedReader(new StringReader(String.join("\n", ldifLines) + "\n")))) {
            for (LDIFChangeRecord change = reader.readChangeRecord(true); change != null;
                 change = reader.readChangeRecord(true)) {
                change.processChange(server);
            }
        } catch (LDIFException | IOException e) {
            throw new LDAPException(ResultCode.PARAM_ERROR, "bad LDIF change record: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    private static InetAddress address(String host) throws LDAPException {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new LDAPException(ResultCode.PARAM_ERROR, "unknown host " + host, e);
        }
    }
}
