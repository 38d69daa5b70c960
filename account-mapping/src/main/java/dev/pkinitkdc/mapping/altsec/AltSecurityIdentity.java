package dev.pkinitkdc.mapping.altsec;

import dev.pkinitkdc.mapping.method.MappingMethod;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value of altSecurityIdentities in its X509 forms (MS-PKCA 3.1.5.2.1.2, KB5014754), parsed. AD's storage
 * conventions: DNs in reverse order, the serial as hex of its bytes reversed, line breaks in names stored as
 * commas. {@link #adValue()} is the text AD stores; {@link #matches} compares by parsed components.
 */
public sealed interface AltSecurityIdentity {
    MappingMethod method();

    /** The value as AD stores it, e.g. {@code X509:<I>DC=com,DC=contoso,CN=CA<SR>1200002B}. */
    String adValue();

    /** Whether this value names the certificate (DNs by parsed components, hex and e-mail case-insensitively). */
    boolean matches(CertificateIdentity cert);

    default boolean strong() {
        return method().strong();
    }

    /** {@code X509:<I>issuer<S>subject}: weak. */
    record IssuerSubject(String issuerText, DistinguishedName issuer, String subjectText, DistinguishedName subject)
            implements AltSecurityIdentity {
        public MappingMethod method() {
            return MappingMethod.ALT_ISSUER_SUBJECT;
        }

        public String adValue() {
            return "X509:<I>" + issuerText + "<S>" + subjectText;
        }

        public boolean matches(CertificateIdentity cert) {
            return issuer.matches(cert.issuer()) && subject.matches(cert.subject());
        }
    }

    /** {@code X509:<S>subject}: weak. */
    record Subject(String subjectText, DistinguishedName subject) implements AltSecurityIdentity {
        public MappingMethod method() {
            return MappingMethod.ALT_SUBJECT;
        }

        public String adValue() {
            return "X509:<S>" + subjectText;
        }

        public boolean matches(CertificateIdentity cert) {
            return subject.matches(cert.subject());
        }
    }

    /** {@code X509:<I>issuer<SR>serial}, serial bytes reversed: strong. */
    record IssuerSerial(String issuerText, DistinguishedName issuer, BigInteger serial) implements AltSecurityIdentity {
        public MappingMethod method() {
            return MappingMethod.ALT_ISSUER_SERIAL;
        }

        public String adValue() {
            return "X509:<I>" + issuerText + "<SR>" + AdSerial.format(serial);
        }

        public boolean matches(CertificateIdentity cert) {
            return issuer.matches(cert.issuer()) && serial.equals(cert.serial());
        }
    }

    /** {@code X509:<SKI>hex}: strong. */
    record SubjectKeyId(String hex) implements AltSecurityIdentity {
        public MappingMethod method() {
            return MappingMethod.ALT_SKI;
        }

        public String adValue() {
            return "X509:<SKI>" + hex;
        }

        public boolean matches(CertificateIdentity cert) {
            return cert.subjectKeyIdentifier().map(hex::equalsIgnoreCase).orElse(false);
        }
    }

    /** {@code X509:<SHA1-PUKEY>hex}, the SHA-1 of the whole DER certificate (Samba's observed behaviour): strong. */
    record Sha1PublicKey(String hex) implements AltSecurityIdentity {
        public MappingMethod method() {
            return MappingMethod.ALT_SHA1_PUKEY;
        }

        public String adValue() {
            return "X509:<SHA1-PUKEY>" + hex;
        }

        public boolean matches(CertificateIdentity cert) {
            return cert.sha1().equalsIgnoreCase(hex);
        }
    }

    /** {@code X509:<RFC822>email}, a SAN rfc822Name, case-insensitive: weak. */
    record Rfc822(String email) implements AltSecurityIdentity {
        public MappingMethod method() {
            return MappingMethod.ALT_RFC822;
        }

        public String adValue() {
            return "X509:<RFC822>" + email;
        }

        public boolean matches(CertificateIdentity cert) {
            return cert.rfc822Names().stream().anyMatch(email::equalsIgnoreCase);
        }
    }

    /** {@code X509:<I>issuer<SID>sid}, the SID the certificate carries (extension or SAN URI): strong. */
    record IssuerSid(String issuerText, DistinguishedName issuer, String sid) implements AltSecurityIdentity {
        public MappingMethod method() {
            return MappingMethod.ALT_ISSUER_SID;
        }

        public String adValue() {
            return "X509:<I>" + issuerText + "<SID>" + sid;
        }

        public boolean matches(CertificateIdentity cert) {
            return issuer.matches(cert.issuer()) && cert.sids().stream().anyMatch(sid::equalsIgnoreCase);
        }
    }

    /** A parsed value, or why a stored value could not be parsed. */
    sealed interface Parsed {
    }

    record Valid(AltSecurityIdentity identity) implements Parsed {
    }

    record Unparseable(String value, String why) implements Parsed {
    }

    /**
     * Parses one stored value. The {@code X509:} prefix and tags are case-insensitive; whitespace around the
     * value is ignored; {@code Kerberos:} and other non-X509 values are reported as unparseable (not an X509
     * mapping). Never throws.
     */
    static Parsed parse(String value) {
        try {
            return new Valid(AltSecurityIdentityParser.parse(value));
        } catch (IllegalArgumentException e) {
            return new Unparseable(value, e.getMessage());
        }
    }

    /**
     * The values AD would store for this certificate's strong forms: {@code <I><SR>}, {@code <SKI>} (when the
     * certificate has a subjectKeyIdentifier), {@code <SHA1-PUKEY>}, and {@code <I><SID>} per SID it carries.
     */
    static List<AltSecurityIdentity> strongForms(X509Certificate cert) {
        CertificateIdentity id = CertificateIdentity.of(cert);
        String issuer = DistinguishedName.adText(cert.getIssuerX500Principal());
        List<AltSecurityIdentity> out = new ArrayList<>();
        out.add(new IssuerSerial(issuer, id.issuer(), id.serial()));
        id.subjectKeyIdentifier().ifPresent(ski -> out.add(new SubjectKeyId(ski)));
        out.add(new Sha1PublicKey(id.sha1()));
        id.sids().forEach(sid -> out.add(new IssuerSid(issuer, id.issuer(), sid)));
        return out;
    }

    /** The values AD would store for this certificate's weak forms: {@code <I><S>}, {@code <S>}, {@code <RFC822>}. */
    static List<AltSecurityIdentity> weakForms(X509Certificate cert) {
        CertificateIdentity id = CertificateIdentity.of(cert);
        String issuer = DistinguishedName.adText(cert.getIssuerX500Principal());
        String subject = DistinguishedName.adText(cert.getSubjectX500Principal());
        List<AltSecurityIdentity> out = new ArrayList<>();
        if (!cert.getSubjectX500Principal().getName().isEmpty()) {
            out.add(new IssuerSubject(issuer, id.issuer(), subject, id.subject()));
            out.add(new Subject(subject, id.subject()));
        }
        id.rfc822Names().forEach(email -> out.add(new Rfc822(email)));
        return out;
    }

    /** AD's {@code <SR>} text: the serial's unsigned big-endian bytes, reversed, as upper-case hex. */
    final class AdSerial {
        private AdSerial() {
        }

        static String format(BigInteger serial) {
            byte[] bytes = serial.toByteArray();
            int start = bytes.length > 1 && bytes[0] == 0 ? 1 : 0; // drop the DER sign byte
            byte[] reversed = new byte[bytes.length - start];
            for (int i = 0; i < reversed.length; i++) {
                reversed[i] = bytes[bytes.length - 1 - i];
            }
            return HexFormat.of().withUpperCase().formatHex(reversed);
        }

        /** Reverses the stored bytes back; leading or trailing zero bytes do not change the number. */
        static BigInteger parse(String hex) {
            String h = hex.replaceAll("[\\s:]", "");
            if (h.isEmpty() || h.length() % 2 != 0) {
                throw new IllegalArgumentException("serial \"" + hex + "\" is not an even number of hex digits");
            }
            byte[] bytes = HexFormat.of().parseHex(h);
            byte[] bigEndian = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                bigEndian[i] = bytes[bytes.length - 1 - i];
            }
            return new BigInteger(1, bigEndian);
        }
    }
}

/** The grammar of {@link AltSecurityIdentity#parse}. */
final class AltSecurityIdentityParser {
    private static final Pattern TAG = Pattern.compile("<(I|S|SR|SKI|SHA1-PUKEY|RFC822|SID)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");
    private static final Pattern SID = Pattern.compile("S-1-[0-9]+(-[0-9]+)+", Pattern.CASE_INSENSITIVE);

    private AltSecurityIdentityParser() {
    }

    static AltSecurityIdentity parse(String value) {
        if (value == null) {
            throw new IllegalArgumentException("no value");
        }
        String v = value.strip();
        if (!v.regionMatches(true, 0, "X509:", 0, 5)) {
            throw new IllegalArgumentException("not an X509: mapping");
        }
        List<String> tags = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        Matcher m = TAG.matcher(v);
        int last = 5;
        int tagEnd = -1;
        while (m.find()) {
            if (tagEnd < 0 && m.start() != 5) {
                throw new IllegalArgumentException("text before the first tag");
            }
            if (tagEnd >= 0) {
                parts.add(v.substring(tagEnd, m.start()));
            }
            tags.add(m.group(1).toUpperCase(Locale.ROOT));
            tagEnd = m.end();
            last = m.end();
            // a subject may itself contain "<...>"-looking text only if quoted; not supported beyond this point
            if (tags.size() == 2 || !tags.get(0).equals("I")) {
                break;
            }
        }
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("no <TAG> after X509:");
        }
        parts.add(v.substring(last));
        String form = String.join("", tags.stream().map(t -> "<" + t + ">").toList());
        return switch (form) {
            case "<I><S>" -> new AltSecurityIdentity.IssuerSubject(parts.get(0), dn(parts.get(0)), parts.get(1),
                    dn(parts.get(1)));
            case "<S>" -> new AltSecurityIdentity.Subject(parts.get(0), dn(parts.get(0)));
            case "<I><SR>" -> new AltSecurityIdentity.IssuerSerial(parts.get(0), dn(parts.get(0)),
                    AltSecurityIdentity.AdSerial.parse(parts.get(1)));
            case "<SKI>" -> new AltSecurityIdentity.SubjectKeyId(hex(parts.get(0), "SKI"));
            case "<SHA1-PUKEY>" -> new AltSecurityIdentity.Sha1PublicKey(sha1(parts.get(0)));
            case "<RFC822>" -> new AltSecurityIdentity.Rfc822(email(parts.get(0)));
            case "<I><SID>" -> new AltSecurityIdentity.IssuerSid(parts.get(0), dn(parts.get(0)), sid(parts.get(1)));
            default -> throw new IllegalArgumentException("unknown form " + form);
        };
    }

    private static DistinguishedName dn(String text) {
        return DistinguishedName.parse(text);
    }

    private static String hex(String text, String what) {
        String h = text.replaceAll("[\\s:]", "");
        if (h.isEmpty() || h.length() % 2 != 0 || !HEX.matcher(h).matches()) {
            throw new IllegalArgumentException(what + " \"" + text + "\" is not hex");
        }
        return h.toUpperCase(Locale.ROOT);
    }

    private static String sha1(String text) {
        String h = hex(text, "SHA1-PUKEY");
        if (h.length() != 40) {
            throw new IllegalArgumentException("SHA1-PUKEY \"" + text + "\" is not 20 bytes");
        }
        return h;
    }

    private static String email(String text) {
        String e = text.strip();
        if (e.indexOf('@') <= 0 || e.endsWith("@")) {
            throw new IllegalArgumentException("RFC822 \"" + text + "\" is not an address");
        }
        return e;
    }

    private static String sid(String text) {
        String s = text.strip();
        if (!SID.matcher(s).matches()) {
            throw new IllegalArgumentException("SID \"" + text + "\" is not S-1-...");
        }
        return s.toUpperCase(Locale.ROOT);
    }
}
