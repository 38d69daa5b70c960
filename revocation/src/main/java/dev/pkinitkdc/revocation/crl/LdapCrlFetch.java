package dev.pkinitkdc.revocation.crl;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.directory.api.ldap.model.cursor.SearchCursor;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.message.Response;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchRequestImpl;
import org.apache.directory.api.ldap.model.message.SearchResultEntry;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.url.LdapUrl;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;
import org.apache.directory.ldap.client.api.LdapNetworkConnection;

/**
 * Downloads a CRL from an LDAP distribution point (RFC 5280 4.2.1.13, RFC 4516 URL
 * {@code ldap://host/cn=CA,dc=example?certificateRevocationList;binary}): anonymous bind, a base-object search of
 * the DN for the URL's attribute. The LDAP API blocks, so each download runs on the source's own small
 * executor; connect and operation timeouts are the configured timeout, and the future is bounded by it too.
 */
final class LdapCrlFetch {
    static final String DEFAULT_ATTRIBUTE = "certificateRevocationList;binary";
    private static final String BINARY_OPTION = ";binary";

    private final Duration timeout;
    private final long maxBytes;
    private final Executor blocking;

    LdapCrlFetch(Duration timeout, long maxBytes, Executor blocking) {
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.blocking = blocking;
    }

    CompletableFuture<byte[]> get(String url) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return read(url);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, blocking).orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private byte[] read(String url) throws IOException {
        LdapUrl ldapUrl;
        try {
            ldapUrl = new LdapUrl(url);
        } catch (LdapException e) {
            throw new IOException(url + ": not an LDAP URL (" + e.getMessage() + ")", e);
        }
        List<String> attributes = ldapUrl.getAttributes();
        String wanted = attributes == null || attributes.isEmpty() ? DEFAULT_ATTRIBUTE : attributes.get(0);
        String plain = withoutBinaryOption(wanted);
        try (LdapNetworkConnection connection = new LdapNetworkConnection(config(ldapUrl))) {
            connection.anonymousBind();
            SearchRequest request = new SearchRequestImpl();
            request.setBase(ldapUrl.getDn());
            request.setScope(SearchScope.OBJECT);
            request.setFilter("(objectClass=*)");
            request.addAttributes(wanted, plain, plain + BINARY_OPTION);
            request.setTimeLimit((int) Math.max(1, timeout.toSeconds()));
            try (SearchCursor cursor = connection.search(request)) {
                while (cursor.next()) {
                    Response response = cursor.get();
                    if (response instanceof SearchResultEntry result) {
                        return value(result.getEntry(), plain, url);
                    }
                }
            }
            throw new IOException(url + ": no entry " + ldapUrl.getDn());
        } catch (LdapException e) {
            throw new IOException(url + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (org.apache.directory.api.ldap.model.cursor.CursorException e) {
            throw new IOException(url + ": search failed: " + e.getMessage(), e);
        }
    }

    /** The first value of the attribute with or without ";binary" (RFC 4523 2: certificateRevocationList). */
    private byte[] value(Entry entry, String plain, String url) throws IOException {
        for (Attribute attribute : entry.getAttributes()) {
            if (withoutBinaryOption(attribute.getUpId()).equalsIgnoreCase(plain)) {
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

    private LdapConnectionConfig config(LdapUrl url) {
        boolean ldaps = "ldaps://".equalsIgnoreCase(url.getScheme());
        LdapConnectionConfig config = new LdapConnectionConfig();
        config.setLdapHost(url.getHost());
        config.setLdapPort(url.getPort() > 0 ? url.getPort()
                : ldaps ? LdapConnectionConfig.DEFAULT_LDAPS_PORT : LdapConnectionConfig.DEFAULT_LDAP_PORT);
        config.setUseSsl(ldaps);
        config.setTimeout(timeout.toMillis());
        config.setConnectTimeout(timeout.toMillis());
        return config;
    }

    private static String withoutBinaryOption(String attribute) {
        String lower = attribute.toLowerCase(Locale.ROOT);
        return lower.endsWith(BINARY_OPTION) ? attribute.substring(0, attribute.length() - BINARY_OPTION.length())
                : attribute;
    }
}
