package dev.pkinitkdc.kdc.stage.map;

import dev.pkinitkdc.conf.AttributeSettings;
import dev.pkinitkdc.conf.DirectorySettings;
import dev.pkinitkdc.conf.DirectoryType;
import dev.pkinitkdc.kdc.support.DaemonThreads;
import dev.pkinitkdc.kdc.support.directory.DirectorySecret;
import dev.pkinitkdc.kdc.support.directory.EmbeddedDirectory;
import dev.pkinitkdc.kdc.support.directory.InProcessAccountDirectory;
import dev.pkinitkdc.kdc.support.files.BoundedFiles;
import dev.pkinitkdc.mapping.directory.AccountDirectory;
import dev.pkinitkdc.mapping.ldap.AttributeNames;
import dev.pkinitkdc.mapping.ldap.ConnectionPoolState;
import dev.pkinitkdc.mapping.ldap.LdapAccountDirectory;
import dev.pkinitkdc.mapping.ldap.LdapDirectorySettings;
import dev.pkinitkdc.mapping.ldap.Tls;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The account directory a {@code [directory]} section describes: an external LDAP server, reached through the LDAP
 * client (searches block, so they get threads of their own, one per pooled connection), or the embedded one
 * started here, whose account lookups run in-process ({@link InProcessAccountDirectory}); its LDAP listener serves
 * everything else (NTAuth, CRLs over LDAP, the {@code ntauth} command, tools).
 */
public final class ConfiguredDirectory implements AutoCloseable {
    private final EmbeddedDirectory embedded;
    private final ExecutorService searches;
    private final AccountDirectory directory;
    private final LdapDirectorySettings settings;

    private ConfiguredDirectory(EmbeddedDirectory embedded, ExecutorService searches, AccountDirectory directory,
                                LdapDirectorySettings settings) {
        this.embedded = embedded;
        this.searches = searches;
        this.directory = directory;
        this.settings = settings;
    }

    /**
     * For a look that changes nothing ({@code explain}): an embedded directory is guarded as the KDC's, with a
     * secret nobody is told, so nobody can change it.
     */
    public static ConfiguredDirectory open(DirectorySettings d, AttributeSettings attributes) throws IOException {
        return open(d, attributes, DirectorySecret.untold());
    }

    /**
     * The running KDC's: an embedded directory accepts changes over LDAP bound with the {@link DirectorySecret}
     * beside {@code configFile} (generated now if missing), which the {@code ntauth} tool binds with.
     */
    public static ConfiguredDirectory open(DirectorySettings d, AttributeSettings attributes, Path configFile)
            throws IOException {
        return open(d, attributes, d.type() == DirectoryType.EMBEDDED ? DirectorySecret.ensure(configFile)
                : DirectorySecret.untold());
    }

    private static ConfiguredDirectory open(DirectorySettings d, AttributeSettings attributes,
                                            String toolsPassword) throws IOException {
        EmbeddedDirectory embedded = null;
        List<URI> urls = d.urls();
        if (d.type() == DirectoryType.EMBEDDED) {
            try {
                embedded = EmbeddedDirectory.start(d.embeddedListenHost(), d.embeddedListenPort(), d.baseDn(),
                        d.ldif(), Optional.of(toolsPassword));
            } catch (com.unboundid.ldap.sdk.LDAPException e) {
                throw new IOException("embedded directory did not start: " + e.getMessage(), e);
            }
            urls = List.of(URI.create(embedded.uri()));
        }
        ExecutorService searches = embedded != null ? null
                : Executors.newFixedThreadPool(d.poolSize(), DaemonThreads.named("kdc-directory"));
        LdapDirectorySettings settings;
        AccountDirectory directory;
        try {
            settings = ldapSettings(d, attributes, urls);
            directory = embedded != null ? new InProcessAccountDirectory(embedded, d.baseDn(), settings.names())
                    : new LdapAccountDirectory(settings, searches);
        } catch (IOException | IllegalArgumentException e) {
            if (searches != null) {
                searches.shutdownNow();
            }
            if (embedded != null) {
                embedded.close();
            }
            throw new IOException("[directory] " + e.getMessage(), e);
        }
        return new ConfiguredDirectory(embedded, searches, directory, settings);
    }

    /**
     * The LDAP client settings of a {@code [directory]} section for these URLs: bind DN and the password from
     * its file, timeouts, pool size, TLS and attribute names.
     */
    public static LdapDirectorySettings ldapSettings(DirectorySettings d, AttributeSettings attributes,
                                                     List<URI> urls) throws IOException {
        Optional<String> password = Optional.empty();
        if (d.bindPasswordFile().isPresent()) {
            password = Optional.of(BoundedFiles.firstLine(d.bindPasswordFile().get()));
        }
        return new LdapDirectorySettings(urls, d.bindDn(), password, d.baseDn(), d.timeout(), d.poolSize(),
                attributeNames(attributes)).withTls(tls(d.tls()), d.caFile());
    }

    /** The settings the KDC reaches the directory with (for an embedded directory, its loopback URL). */
    public LdapDirectorySettings ldapSettings() {
        return settings;
    }

    /** The URL of the embedded directory, when this is one. */
    public Optional<String> embeddedUrl() {
        return Optional.ofNullable(embedded).map(EmbeddedDirectory::uri);
    }

    private static Tls tls(DirectorySettings.Tls tls) {
        return switch (tls) {
            case NONE -> Tls.NONE;
            case LDAPS -> Tls.LDAPS;
            case STARTTLS -> Tls.STARTTLS;
        };
    }

    /** AD's names, with the renames of {@code [attributes]}. */
    static AttributeNames attributeNames(AttributeSettings a) {
        AttributeNames ad = AttributeNames.activeDirectory();
        return new AttributeNames(a.name(ad.userObjectClass()), a.name(ad.samAccountName()),
                a.name(ad.userPrincipalName()), a.name(ad.altSecurityIdentities()), a.name(ad.objectSid()),
                a.name(ad.userAccountControl()), a.name(ad.accountExpires()), a.name(ad.lockoutTime()),
                a.name(ad.whenCreated()), a.name(ad.memberOf()));
    }

    public AccountDirectory directory() {
        return directory;
    }

    /** The directory client's LDAP connections now, for metrics; none for the embedded directory. */
    public Optional<ConnectionPoolState> poolState() {
        return directory instanceof LdapAccountDirectory ldap ? Optional.of(ldap.poolState()) : Optional.empty();
    }

    @Override
    public void close() {
        try {
            directory.close();
        } catch (Exception e) {
            // closing a pool that lost its server: nothing more to do
        }
        if (searches != null) {
            searches.shutdownNow();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}
