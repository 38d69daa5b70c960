package dev.pkinitkdc.mapping.ldap;

import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapOperationException;
import org.apache.directory.api.ldap.model.message.ModifyRequest;
import org.apache.directory.api.ldap.model.message.ModifyRequestImpl;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.message.SearchRequest;
import org.apache.directory.api.ldap.model.message.SearchRequestImpl;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;

/**
 * {@link NtAuthCertificates} over LDAP, through the same connection settings (URLs with failover, bind, TLS,
 * timeouts) as the account directory. Values are written as {@link #BINARY_ATTRIBUTE}; reads take cACertificate
 * with any options.
 */
public final class LdapNtAuthCertificates implements NtAuthCertificates {
    private static final String BINARY = BINARY_ATTRIBUTE;
    private static final String[] REQUESTED = {BINARY, "cACertificate"};

    private final Dn dn;
    private final int timeLimitSeconds;
    private final List<LdapServer> servers = new ArrayList<>();

    public LdapNtAuthCertificates(LdapDirectorySettings settings) {
        try {
            this.dn = new Dn(NtAuthCertificates.dn(settings.baseDn()));
        } catch (LdapException e) {
            throw new IllegalArgumentException("base DN \"" + settings.baseDn() + "\" is not a DN", e);
        }
        this.timeLimitSeconds = (int) Math.max(1, settings.timeout().toSeconds());
        for (URI url : settings.urls()) {
            servers.add(new LdapServer(url, settings));
        }
    }

    @Override
    public Optional<List<byte[]>> read() throws IOException {
        return onFirstAnswering(server -> {
            try {
                List<Entry> entries = server.search(request());
                return Optional.of(entries.isEmpty() ? List.of() : certificates(entries.get(0)));
            } catch (LdapOperationException e) {
                if (e.getResultCode() == ResultCodeEnum.NO_SUCH_OBJECT) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    @Override
    public void add(byte[] der) throws IOException {
        modify(new ModifyRequestImpl().setName(dn).add(BINARY, der));
    }

    @Override
    public void remove(byte[] der) throws IOException {
        modify(new ModifyRequestImpl().setName(dn).remove(BINARY, der));
    }

    private void modify(ModifyRequest request) throws IOException {
        onFirstAnswering(server -> {
            server.modify(request);
            return null;
        });
    }

    private interface Call<T> {
        T on(LdapServer server) throws Exception;
    }

    /** The URLs in order until one answers; an LDAP result (the server answered) is not retried elsewhere. */
    private <T> T onFirstAnswering(Call<T> call) throws IOException {
        List<String> failures = new ArrayList<>();
        for (LdapServer server : servers) {
            try {
                return call.on(server);
            } catch (LdapOperationException e) {
                throw new IOException(server.url() + ": " + dn + ": " + LdapServer.describe(e), e);
            } catch (Exception e) {
                failures.add(server.url() + ": " + LdapServer.describe(e));
            }
        }
        throw new IOException("no directory server answered (" + String.join("; ", failures) + ")");
    }

    private SearchRequest request() throws LdapException {
        SearchRequest request = new SearchRequestImpl();
        request.setBase(dn);
        request.setScope(SearchScope.OBJECT);
        request.setFilter("(objectClass=*)");
        request.addAttributes(REQUESTED);
        request.setTimeLimit(timeLimitSeconds);
        return request;
    }

    /** Every value of cACertificate with any options, once each. */
    private static List<byte[]> certificates(Entry entry) {
        List<byte[]> out = new ArrayList<>();
        for (Attribute attribute : entry.getAttributes()) {
            if (!NtAuthCertificates.isCaCertificate(attribute.getUpId())) {
                continue;
            }
            for (Value value : attribute) {
                byte[] der = value.getBytes();
                if (out.stream().noneMatch(seen -> Arrays.equals(seen, der))) {
                    out.add(der);
                }
            }
        }
        return List.copyOf(out);
    }

    @Override
    public void close() {
        servers.forEach(LdapServer::close);
    }
}
