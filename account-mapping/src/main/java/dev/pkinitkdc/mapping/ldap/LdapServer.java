package dev.pkinitkdc.mapping.ldap;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.apache.directory.api.ldap.model.cursor.SearchCursor;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.message.ModifyRequest;
import org.apache.directory.api.ldap.model.message.Response;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchResultDone;
import org.apache.directory.api.ldap.model.message.SearchResultEntry;
import org.apache.directory.ldap.client.api.DefaultPoolableLdapConnectionFactory;
import org.apache.directory.ldap.client.api.LdapConnection;
import org.apache.directory.ldap.client.api.LdapConnectionPool;

/**
 * One LDAP server URL with its connection pool. Connections are validated when borrowed, so a server that
 * went away and came back is reconnected to; a connection that failed a search is discarded.
 */
final class LdapServer implements AutoCloseable {
    private static final Duration IDLE_CHECK = Duration.ofSeconds(30);
    private final URI url;
    private final LdapConnectionPool pool;

    LdapServer(URI url, LdapDirectorySettings settings) {
        this.url = url;
        this.pool = new LdapConnectionPool(new DefaultPoolableLdapConnectionFactory(
                new LdapConnections(settings).config(url)),
                poolConfig(settings.poolSize(), settings.timeout()));
    }

    ConnectionPoolState poolState() {
        return new ConnectionPoolState(pool.getNumActive(), pool.getNumIdle(), pool.getMaxTotal());
    }

    URI url() {
        return url;
    }

    /**
     * Runs one search, returning its entries (referrals are ignored). Pooled connections are not probed with a
     * root DSE lookup before each use (one more round trip per search): the pool's factory reconnects and binds a
     * borrowed connection the server had dropped, a local check.
     */
    List<Entry> search(SearchRequest request) throws Exception {
        return onPooledConnection(connection -> searchOn(connection, request));
    }

    /** Runs one modify (RFC 4511 4.6); a result other than success is an {@link LdapOperationException}. */
    void modify(ModifyRequest request) throws Exception {
        onPooledConnection(connection -> {
            ResultCodeEnum code = connection.modify(request).getLdapResult().getResultCode();
            if (code != ResultCodeEnum.SUCCESS) {
                throw new LdapOperationException(code, "modify of " + request.getName() + " ended with " + code);
            }
            return null;
        });
    }

    /** One operation on a borrowed connection. */
    private interface Operation<T> {
        T on(LdapConnection connection) throws Exception;
    }

    private <T> T onPooledConnection(Operation<T> operation) throws Exception {
        LdapConnection connection = pool.getConnection();
        boolean healthy = false;
        try {
            T result = operation.on(connection);
            healthy = true;
            return result;
        } finally {
            if (healthy) {
                pool.releaseConnection(connection);
            } else {
                pool.invalidateObject(connection);
            }
        }
    }

    private static List<Entry> searchOn(LdapConnection connection, SearchRequest request) throws Exception {
        List<Entry> entries = new ArrayList<>();
        try (SearchCursor cursor = connection.search(request)) {
            while (cursor.next()) {
                Response response = cursor.get();
                if (response instanceof SearchResultEntry e) {
                    entries.add(e.getEntry());
                }
            }
            SearchResultDone done = cursor.getSearchResultDone();
            ResultCodeEnum code = done == null ? ResultCodeEnum.UNAVAILABLE : done.getLdapResult().getResultCode();
            if (code != ResultCodeEnum.SUCCESS) {
                throw new LdapOperationException(code, "search ended with " + code);
            }
        }
        return entries;
    }

    private static GenericObjectPoolConfig<LdapConnection> poolConfig(int size, Duration timeout) {
        GenericObjectPoolConfig<LdapConnection> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(size);
        config.setMaxIdle(size);
        // idle connections are checked in the background, not each one with a lookup as it is borrowed (see search)
        config.setTestOnBorrow(false);
        config.setTestWhileIdle(true);
        config.setTimeBetweenEvictionRuns(IDLE_CHECK);
        config.setBlockWhenExhausted(true);
        config.setMaxWait(timeout);
        return config;
    }

    @Override
    public void close() {
        pool.close();
    }

    /** One line for logs and e-text: exception class and message, never credentials. */
    static String describe(Exception e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
