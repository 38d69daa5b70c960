package dev.pkinitkdc.mapping.altsec;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * DN attribute types: the names Windows (CertNameToStr) and RFC 4514 use, and their OIDs. Every type is compared
 * by its OID, so {@code E}, {@code EMAIL}, {@code EMAILADDRESS}, {@code OID.1.2.840.113549.1.9.1} and
 * {@code 1.2.840.113549.1.9.1} are the same type.
 */
final class AttributeTypes {
    private static final Pattern OID = Pattern.compile("[0-2](\\.[0-9]+)+");

    /** Alias (upper case) to OID. */
    private static final Map<String, String> OIDS = Map.ofEntries(
            Map.entry("CN", "2.5.4.3"), Map.entry("SN", "2.5.4.4"), Map.entry("SURNAME", "2.5.4.4"),
            Map.entry("SERIALNUMBER", "2.5.4.5"), Map.entry("C", "2.5.4.6"), Map.entry("L", "2.5.4.7"),
            Map.entry("S", "2.5.4.8"), Map.entry("ST", "2.5.4.8"), Map.entry("STREET", "2.5.4.9"),
            Map.entry("O", "2.5.4.10"), Map.entry("OU", "2.5.4.11"), Map.entry("T", "2.5.4.12"),
            Map.entry("TITLE", "2.5.4.12"), Map.entry("DESCRIPTION", "2.5.4.13"),
            Map.entry("POSTALCODE", "2.5.4.17"), Map.entry("G", "2.5.4.42"), Map.entry("GN", "2.5.4.42"),
            Map.entry("GIVENNAME", "2.5.4.42"), Map.entry("I", "2.5.4.43"), Map.entry("INITIALS", "2.5.4.43"),
            Map.entry("GENERATIONQUALIFIER", "2.5.4.44"), Map.entry("DNQUALIFIER", "2.5.4.46"),
            Map.entry("PSEUDONYM", "2.5.4.65"), Map.entry("ORGANIZATIONIDENTIFIER", "2.5.4.97"),
            Map.entry("E", "1.2.840.113549.1.9.1"), Map.entry("EMAIL", "1.2.840.113549.1.9.1"),
            Map.entry("EMAILADDRESS", "1.2.840.113549.1.9.1"),
            Map.entry("DC", "0.9.2342.19200300.100.1.25"), Map.entry("UID", "0.9.2342.19200300.100.1.1"));

    /** OID to the short name Windows prints (CertNameToStr with CERT_X500_NAME_STR). */
    private static final Map<String, String> WINDOWS_NAMES = Map.ofEntries(
            Map.entry("2.5.4.3", "CN"), Map.entry("2.5.4.4", "SN"), Map.entry("2.5.4.5", "SERIALNUMBER"),
            Map.entry("2.5.4.6", "C"), Map.entry("2.5.4.7", "L"), Map.entry("2.5.4.8", "S"),
            Map.entry("2.5.4.9", "STREET"), Map.entry("2.5.4.10", "O"), Map.entry("2.5.4.11", "OU"),
            Map.entry("2.5.4.12", "T"), Map.entry("2.5.4.13", "Description"), Map.entry("2.5.4.17", "PostalCode"),
            Map.entry("2.5.4.42", "G"), Map.entry("2.5.4.43", "I"), Map.entry("2.5.4.44", "GenerationQualifier"),
            Map.entry("2.5.4.46", "dnQualifier"), Map.entry("1.2.840.113549.1.9.1", "E"),
            Map.entry("0.9.2342.19200300.100.1.25", "DC"), Map.entry("0.9.2342.19200300.100.1.1", "UID"));

    private AttributeTypes() {
    }

    /** The OID of a type name, alias or dotted OID (optionally prefixed {@code OID.}); case-insensitive. */
    static String oid(String type) {
        String t = type.trim().toUpperCase(Locale.ROOT);
        if (t.startsWith("OID.")) {
            t = t.substring(4);
        }
        String known = OIDS.get(t);
        if (known != null) {
            return known;
        }
        if (OID.matcher(t).matches()) {
            return t;
        }
        throw new IllegalArgumentException("unknown attribute type \"" + type + "\"");
    }

    /** The name Windows prints for this OID, or {@code OID.n.n.n}. */
    static String windowsName(String oid) {
        return WINDOWS_NAMES.getOrDefault(oid, "OID." + oid);
    }
}
