package dev.pkinitkdc.revocation.crl;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.message.SearchScope;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.api.ldap.model.url.LdapUrl;

/**
 * An LDAP distribution point URL (RFC 4516 {@code ldap://host:port/dn?attributes?scope?filter}, RFC 5280
 * 4.2.1.13) as a CRL search: the server (absent in a host-less URL, {@code ldap:///dn...}, which AD CS writes to
 * mean "ask your domain controller"), the entry, the one attribute wanted (certificateRevocationList;binary when
 * none is named), the scope (base by default) and the filter. AD CS writes the filter without the parentheses
 * RFC 4515 asks for ({@code ?base?objectClass=cRLDistributionPoint}); they are added.
 */
record LdapCdpUrl(Optional<String> host, int port, boolean ldaps, Dn dn, String attribute, SearchScope scope,
                  String filter) {
    static final String DEFAULT_ATTRIBUTE = "certificateRevocationList;binary";
    private static final String BINARY_OPTION = ";binary";
    private static final String ANY_ENTRY = "(objectClass=*)";

    static LdapCdpUrl parse(String url) throws IOException {
        LdapUrl ldapUrl;
        try {
            ldapUrl = new LdapUrl(withParenthesizedFilter(url));
        } catch (LdapException | IllegalArgumentException e) {
            throw new IOException(url + ": not an LDAP URL (" + e.getMessage() + ")", e);
        }
        List<String> attributes = ldapUrl.getAttributes();
        String wanted = attributes == null || attributes.isEmpty() ? DEFAULT_ATTRIBUTE : attributes.get(0);
        String host = ldapUrl.getHost();
        return new LdapCdpUrl(host == null || host.isEmpty() ? Optional.empty() : Optional.of(host),
                ldapUrl.getPort(), "ldaps://".equalsIgnoreCase(ldapUrl.getScheme()), ldapUrl.getDn(), wanted,
                ldapUrl.getScope() == null ? SearchScope.OBJECT : ldapUrl.getScope(),
                ldapUrl.getFilter() == null || ldapUrl.getFilter().isEmpty() ? ANY_ENTRY : ldapUrl.getFilter());
    }

    /** {@code ...?base?objectClass=x} becomes {@code ...?base?(objectClass=x)}; anything else is left alone. */
    private static String withParenthesizedFilter(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return url;
        }
        String[] parts = url.substring(query + 1).split("\\?", -1);
        if (parts.length < 3 || parts[2].isEmpty() || parts[2].startsWith("(") || parts[2].startsWith("%28")) {
            return url;
        }
        parts[2] = "(" + parts[2] + ")";
        return url.substring(0, query + 1) + String.join("?", parts);
    }

    /** The attribute's names to request: as named, and with and without ";binary" (RFC 4523 2). */
    String[] requestedAttributes() {
        String plain = plainAttribute();
        return new String[] {plain, plain + BINARY_OPTION};
    }

    /** The attribute's name without ";binary". */
    String plainAttribute() {
        return withoutBinaryOption(attribute);
    }

    static String withoutBinaryOption(String attribute) {
        String lower = attribute.toLowerCase(Locale.ROOT);
        return lower.endsWith(BINARY_OPTION) ? attribute.substring(0, attribute.length() - BINARY_OPTION.length())
                : attribute;
    }
}
