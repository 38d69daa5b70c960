package dev.pkinitkdc.mapping.altsec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.util.encoders.Hex;

/**
 * A distinguished name compared by its parsed components, never by its text (MS-PKCA 3.1.5.2.1.2 stores the
 * issuer and subject of {@code <I>}/{@code <S>} as text, in AD's reversed order). Normalisation, exactly:
 * <ul>
 *   <li>RDNs are separated by unescaped, unquoted {@code ,} or {@code ;}; a CR, LF or CRLF is a separator too
 *       (AD replaces line breaks in names by commas); a multi-valued RDN's AVAs by {@code +}. Empty RDNs (e.g.
 *       from {@code ,,} or a trailing comma) are dropped.</li>
 *   <li>Attribute types are compared by OID: aliases ({@code E}/{@code EMAIL}/{@code EMAILADDRESS},
 *       {@code S}/{@code ST}, {@code G}/{@code GIVENNAME}, {@code T}/{@code TITLE}, ...), {@code OID.n.n} and
 *       bare {@code n.n} are equal, case-insensitively. An unknown non-OID type makes the DN unparseable.</li>
 *   <li>Values: RFC 4514 backslash escapes ({@code \,} and {@code \2C}) and Windows double quotes
 *       ({@code "Doe, John"} with {@code ""} for a quote) are undone; then leading/trailing whitespace is
 *       trimmed, runs of inner whitespace become one space, and the value is lower-cased (Locale.ROOT).
 *       A {@code #hex} value is compared as lower-case hex.</li>
 *   <li>The AVAs of one RDN are compared as a set (order-insensitive).</li>
 *   <li>Two DNs match when their RDN sequences are equal, or one is the reverse of the other: AD's reversed
 *       order ({@code DC=com,DC=contoso,CN=CA}) matches the RFC 4514 order ({@code CN=CA,DC=contoso,DC=com}).
 *       RDNs are otherwise not reordered: {@code CN=a,O=b,C=c} does not match {@code O=b,CN=a,C=c}.</li>
 * </ul>
 * Not normalised: Unicode compatibility forms (no NFKC), string type (UTF8String vs PrintableString compare
 * equal by text), and value-internal punctuation.
 */
public final class DistinguishedName {
    /** One attribute value assertion, normalised; ordered so an RDN's AVAs form a sorted set. */
    record Ava(String oid, String value) implements Comparable<Ava> {
        @Override
        public int compareTo(Ava o) {
            int c = oid.compareTo(o.oid);
            return c != 0 ? c : value.compareTo(o.value);
        }
    }

    private final List<Set<Ava>> rdns; // in the order given

    private DistinguishedName(List<Set<Ava>> rdns) {
        this.rdns = List.copyOf(rdns);
    }

    /** Parses DN text in either order; throws IllegalArgumentException when it is not a DN. */
    public static DistinguishedName parse(String text) {
        List<Set<Ava>> rdns = new ArrayList<>();
        for (List<String> rdn : DnText.split(text)) {
            Set<Ava> avas = new TreeSet<>();
            for (String ava : rdn) {
                int eq = ava.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("\"" + ava.trim() + "\" is not TYPE=value");
                }
                String raw = ava.substring(eq + 1).trim();
                String value = raw.startsWith("#") ? raw.toLowerCase(Locale.ROOT) : normalise(DnText.unescape(raw));
                avas.add(new Ava(AttributeTypes.oid(ava.substring(0, eq)), value));
            }
            if (!avas.isEmpty()) {
                rdns.add(avas);
            }
        }
        if (rdns.isEmpty()) {
            throw new IllegalArgumentException("empty DN");
        }
        return new DistinguishedName(rdns);
    }

    /** The DN of a certificate's issuer or subject, from its DER (RFC 5280 order: most significant first). */
    public static DistinguishedName of(X500Principal principal) {
        List<Set<Ava>> rdns = new ArrayList<>();
        for (RDN rdn : X500Name.getInstance(principal.getEncoded()).getRDNs()) {
            Set<Ava> avas = new TreeSet<>();
            for (AttributeTypeAndValue ava : rdn.getTypesAndValues()) {
                avas.add(new Ava(ava.getType().getId(), valueOf(ava.getValue())));
            }
            rdns.add(avas);
        }
        return new DistinguishedName(rdns);
    }

    /**
     * The text AD stores for a certificate's name in altSecurityIdentities: RDNs in the certificate's DER order
     * (most significant first, {@code DC=com,DC=contoso,CN=CA}: the reverse of RFC 4514's string order), Windows type
     * names, comma-separated without spaces, values with {@code , + = < > # ; "} or outer spaces double-quoted.
     */
    public static String adText(X500Principal principal) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : X500Name.getInstance(principal.getEncoded()).getRDNs()) {
            List<String> avas = new ArrayList<>();
            for (AttributeTypeAndValue ava : rdn.getTypesAndValues()) {
                avas.add(AttributeTypes.windowsName(ava.getType().getId()) + "=" + quote(text(ava.getValue())));
            }
            out.add(String.join("+", avas));
        }
        return String.join(",", out); // DER order is already the reverse of RFC 4514's string order
    }

    /** Same components in the same order, or in exactly reversed order. */
    public boolean matches(DistinguishedName other) {
        if (rdns.equals(other.rdns)) {
            return true;
        }
        List<Set<Ava>> reversed = new ArrayList<>(other.rdns);
        Collections.reverse(reversed);
        return rdns.equals(reversed);
    }

    static String normalise(String value) {
        return value.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static String valueOf(ASN1Encodable value) {
        return value instanceof ASN1String s ? normalise(s.getString()) : hex(value);
    }

    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String s ? s.getString() : hex(value);
    }

    private static String hex(ASN1Encodable value) {
        try {
            return "#" + Hex.toHexString(value.toASN1Primitive().getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String value) {
        boolean special = value.chars().anyMatch(c -> ",+=<>#;\"\r\n".indexOf(c) >= 0)
                || !value.equals(value.trim()) || value.isEmpty();
        return special ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistinguishedName d && rdns.equals(d.rdns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rdns);
    }

    @Override
    public String toString() {
        List<String> out = new ArrayList<>();
        for (Set<Ava> rdn : rdns) {
            out.add(String.join("+", rdn.stream().map(a -> a.oid() + "=" + a.value()).toList()));
        }
        return String.join(",", out);
    }
}
