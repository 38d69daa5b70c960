package dev.pkinitkdc.mapping.ldap;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchRequestImpl;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AccountDirectory} over LDAP with the Apache Directory LDAP API. Searches run subtree under the base
 * DN on the given executor; the URLs are tried in order until one answers (failover). When none answers the
 * stage fails with {@code KdcFailure(DIRECTORY_UNAVAILABLE)}.
 */
public final class LdapAccountDirectory extends FilterSearchDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(LdapAccountDirectory.class);

    private final LdapDirectorySettings settings;
    private final Executor executor;
    private final Dn baseDn;
    private final AccountEntryReader reader;
    private final List<LdapServer> servers = new ArrayList<>();

    /** @param executor runs the blocking LDAP calls (never the caller's thread) */
    public LdapAccountDirectory(LdapDirectorySettings settings, Executor executor) {
        super(settings.names());
        this.settings = settings;
        this.executor = executor;
        try {
            this.baseDn = new Dn(settings.baseDn());
        } catch (LdapException e) {
            throw new IllegalArgumentException("base DN \"" + settings.baseDn() + "\" is not a DN", e);
        }
        this.reader = new AccountEntryReader(settings.names());
        for (URI url : settings.urls()) {
            servers.add(new LdapServer(url, settings));
        }
    }

    @Override
    protected CompletionStage<List<DirectoryAccount>> search(String filter) {
        CompletableFuture<List<DirectoryAccount>> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(searchWithFailover(filter));
                } catch (KdcFailure e) {
                    result.completeExceptionally(e);
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(new KdcFailure(FailureReason.INTERNAL_ERROR,
                            "directory search failed: " + e, e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new KdcFailure(FailureReason.INTERNAL_ERROR,
                    "directory executor refused the search", e));
        }
        return result;
    }

    private List<DirectoryAccount> searchWithFailover(String filter) throws KdcFailure {
        List<String> failures = new ArrayList<>();
        Exception last = null;
        for (LdapServer server : servers) {
            try {
                List<DirectoryAccount> accounts = new ArrayList<>();
                for (Entry entry : server.search(request(filter))) {
                    reader.read(entry).ifPresentOrElse(accounts::add,
                            () -> LOG.warn("{}: {} has no {}; skipped", server.url(), entry.getDn(),
                                    settings.names().samAccountName()));
                }
                return List.copyOf(accounts);
            } catch (Exception e) {
                LOG.warn("{}: search {} failed: {}", server.url(), filter, LdapServer.describe(e));
                failures.add(server.url() + ": " + LdapServer.describe(e));
                last = e;
            }
        }
        throw new KdcFailure(FailureReason.DIRECTORY_UNAVAILABLE,
                "no directory server answered (" + String.join("; ", failures) + ")", last);
    }

    private SearchRequest request(String filter) throws LdapException {
        SearchRequest request = new SearchRequestImpl();
        request.setBase(baseDn);
        request.setScope(SearchScope.SUBTREE);
        request.setFilter(filter);
        request.addAttributes(settings.names().all().toArray(String[]::new));
        request.setTimeLimit((int) Math.max(1, settings.timeout().toSeconds()));
        return request;
    }

    /** The connection pools of every server URL, summed. */
    public ConnectionPoolState poolState() {
        return servers.stream().map(LdapServer::poolState).reduce(new ConnectionPoolState(0, 0, 0),
                ConnectionPoolState::plus);
    }

    @Override
    public void close() {
        servers.forEach(LdapServer::close);
    }
}
