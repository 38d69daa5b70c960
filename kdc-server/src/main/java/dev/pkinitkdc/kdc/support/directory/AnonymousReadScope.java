package dev.pkinitkdc.kdc.support.directory;

import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedCompareRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindResult;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchScope;
import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an LDAP client of the embedded directory may read before it binds: the root DSE (RFC 4512 5.1) and the
 * {@code CN=Public Key Services,CN=Services,CN=Configuration,<base DN>} subtree, where AD publishes what relying
 * parties fetch without credentials (NTAuth, CRLs at CDP URLs, CA certificates at AIA URLs). Accounts (names, SIDs,
 * certificate mappings) are no facts for strangers: searches and compares elsewhere get insufficientAccessRights.
 * A client counts as bound after a successful simple bind with a password; the in-process lookups of the KDC
 * do not pass through here.
 */
final class AnonymousReadScope extends InMemoryOperationInterceptor {
    private final DN publicSubtree;
    /** Connections bound with a password. IDs only grow, so an ID left by a closed connection is never reused. */
    private final Set<Long> bound = ConcurrentHashMap.newKeySet();

    AnonymousReadScope(String baseDn) throws LDAPException {
        this.publicSubtree = new DN(NtAuthCertificates.containerDn(baseDn, NtAuthCertificates.CONTAINERS.size() - 1));
    }

    @Override
    public void processSimpleBindResult(InMemoryInterceptedSimpleBindResult bind) {
        boolean authenticated = bind.getResult().getResultCode() == ResultCode.SUCCESS
                && bind.getRequest().getPassword() != null && bind.getRequest().getPassword().getValueLength() > 0;
        if (authenticated) {
            bound.add(bind.getConnectionID());
        } else {
            bound.remove(bind.getConnectionID());
        }
    }

    @Override
    public void processSearchRequest(InMemoryInterceptedSearchRequest search) throws LDAPException {
        DN base = new DN(search.getRequest().getBaseDN());
        boolean rootDse = base.isNullDN() && search.getRequest().getScope() == SearchScope.BASE;
        check(search.getConnectionID(), rootDse || base.isDescendantOf(publicSubtree, true), base);
    }

    @Override
    public void processCompareRequest(InMemoryInterceptedCompareRequest compare) throws LDAPException {
        DN entry = new DN(compare.getRequest().getDN());
        check(compare.getConnectionID(), entry.isDescendantOf(publicSubtree, true), entry);
    }

    private void check(long connection, boolean publicEntry, DN dn) throws LDAPException {
        if (!publicEntry && !bound.contains(connection)) {
            throw new LDAPException(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "anonymous clients may read only the "
                    + "root DSE and " + publicSubtree + ", not " + dn + "; bind first");
        }
    }
}
