package dev.pkinitkdc.revocation.crl;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.directory.api.ldap.model.cursor.CursorException;
import org.apache.directory.api.ldap.model.cursor.SearchCursor;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.message.Response;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchRequestImpl;
import org.apache.directory.api.ldap.model.message.SearchResultEntry;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;

/**
 * Downloads a CRL from an LDAP distribution point (RFC 5280 4.2.1.13, RFC 4516 URL
 * {@code ldap://host/cn=CA,dc=example?certificateRevocationList;binary?base?(objectClass=*)}): from the URL's
 * server with an anonymous bind, or, for a host-less URL ({@code ldap:///dn...}, AD CS), from the configured
 * {@link DirectoryEndpoint} with its bind and TLS, its servers in failover order. One search of the URL's scope
 * and filter for the URL's attribute only, asking for one entry (sizeLimit 1) within the timeout (timeLimit,
 * RFC 4511 4.5.1); the reply is bounded while it is read ({@link BoundedLdapConnection}). The LDAP API blocks, so
 * each download runs on the source's own small executor; connect and operation timeouts are the configured
 * timeout, the future is bounded by it too, and its connection is closed when it times out.
 */
final class LdapCrlFetch {
    /** Room for the DN, attribute description and message framing around a value of the largest CRL size. */
    static final int ENVELOPE_BYTES = 64 * 1024;

    private final Duration timeout;
    private final long maxBytes;
    private final Optional<DirectoryEndpoint> directory;
    private final Executor blocking;

    LdapCrlFetch(Duration timeout, long maxBytes, Optional<DirectoryEndpoint> directory, Executor blocking) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.directory = directory;
        this.blocking = blocking;
    }

    CompletableFuture<byte[]> get(String url) {
        AtomicReference<BoundedLdapConnection> open = new AtomicReference<>();
        CompletableFuture<byte[]> download = CompletableFuture.supplyAsync(() -> {
            try {
                return read(url, open);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, blocking).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return download.whenComplete((bytes, failure) -> {
            if (failure != null) {
                close(open.get()); // a timed-out download stops reading now
            }
        });
    }

    private byte[] read(String url, AtomicReference<BoundedLdapConnection> open) throws IOException {
        LdapCdpUrl cdp = LdapCdpUrl.parse(url);
        List<LdapConnectionConfig> servers = servers(cdp, url);
        List<String> failures = new ArrayList<>();
        for (LdapConnectionConfig server : servers) {
            config(server);
            BoundedLdapConnection connection = new BoundedLdapConnection(server, maxPdu(), maxPdu() + ENVELOPE_BYTES);
            open.set(connection);
            try {
                try {
                    connection.connect();
                    if (server.getName() == null || server.getName().isEmpty()) {
                        connection.anonymousBind();
                    } else {
                        connection.bind();
                    }
                } catch (LdapException e) {
                    failures.add(server.getLdapHost() + ":" + server.getLdapPort() + ": " + e.getMessage());
                    continue; // the next server of the directory
                }
                return search(connection, cdp, url);
            } finally {
                close(connection);
            }
        }
        throw new IOException(url + ": no LDAP server answered: " + String.join("; ", failures));
    }

    /** The URL's server (anonymous), or the configured directory's for a host-less URL. */
    private List<LdapConnectionConfig> servers(LdapCdpUrl cdp, String url) throws IOException {
        if (cdp.host().isEmpty()) {
            if (directory.isEmpty()) {
                throw new IOException(url + ": a host-less LDAP URL names the domain's directory, and no [directory] "
                        + "is configured to ask");
            }
            List<LdapConnectionConfig> configs = directory.get().connectionConfigs();
            if (configs.isEmpty()) {
                throw new IOException(url + ": the [directory] " + directory.get().describe() + " has no server");
            }
            return configs;
        }
        LdapConnectionConfig config = new LdapConnectionConfig();
        config.setLdapHost(cdp.host().get());
        config.setLdapPort(cdp.port() > 0 ? cdp.port()
                : cdp.ldaps() ? LdapConnectionConfig.DEFAULT_LDAPS_PORT : LdapConnectionConfig.DEFAULT_LDAP_PORT);
        config.setUseSsl(cdp.ldaps());
        return List.of(config);
    }

    private void config(LdapConnectionConfig config) {
        config.setTimeout(timeout.toMillis());
        config.setConnectTimeout(timeout.toMillis());
    }

    private int maxPdu() {
        return (int) Math.min(Integer.MAX_VALUE - 2L * ENVELOPE_BYTES, maxBytes + ENVELOPE_BYTES);
    }

    private byte[] search(BoundedLdapConnection connection, LdapCdpUrl cdp, String url) throws IOException {
        SearchRequest request = new SearchRequestImpl();
        try {
            request.setBase(cdp.dn());
            request.setScope(cdp.scope());
            request.setFilter(cdp.filter());
            request.addAttributes(cdp.requestedAttributes());
            request.setSizeLimit(1);
            request.setTimeLimit((int) Math.max(1, timeout.toSeconds()));
            try (SearchCursor cursor = connection.search(request)) {
                while (cursor.next()) {
                    Response response = cursor.get();
                    if (response instanceof SearchResultEntry result) {
                        return value(result.getEntry(), cdp.plainAttribute(), url);
                    }
                }
            }
        } catch (LdapException | CursorException e) {
            throw oversized(connection, url).orElseGet(() -> new IOException(url + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e));
        }
        throw oversized(connection, url).orElseGet(() -> new IOException(url + ": no entry " + cdp.dn()
                + " matching " + cdp.filter()));
    }

    private Optional<IOException> oversized(BoundedLdapConnection connection, String url) {
        return connection.exceeded() ? Optional.of(new IOException(url + ": the directory's answer is larger than "
                + maxBytes + " bytes (crl_max_size); the connection was closed after " + connection.received()
                + " bytes")) : Optional.empty();
    }

    /** The first value of the attribute with or without ";binary" (RFC 4523 2: certificateRevocationList). */
    private byte[] value(Entry entry, String plain, String url) throws IOException {
        for (Attribute attribute : entry.getAttributes()) {
            if (LdapCdpUrl.withoutBinaryOption(attribute.getUpId()).equalsIgnoreCase(plain)) {
                for (Value value : attribute) {
                    byte[] bytes = value.getBytes();
                    if (bytes.length > maxBytes) {
                        throw new IOException(url + ": " + bytes.length + " bytes, more than " + maxBytes);
                    }
                    return bytes;
                }
            }
        }
        throw new IOException(url + ": entry has no " + plain + " value");
    }

    private static void close(BoundedLdapConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                // already closed or never connected
            }
        }
    }
}
