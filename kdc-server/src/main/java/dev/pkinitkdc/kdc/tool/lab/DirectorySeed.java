package dev.pkinitkdc.kdc.tool.lab;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.ldif.LDIFWriter;
import dev.pkinitkdc.kdc.tool.labpki.LabAccount;
import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The initial contents of the lab directory, with Active Directory attribute names, as LDIF (RFC 2849). */
public final class DirectorySeed {
    /** AD stores whenCreated as GeneralizedTime with a ".0Z" fraction, e.g. 20250101120000.0Z. */
    static final DateTimeFormatter AD_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'.0Z'", Locale.ROOT);
    /** userAccountControl NORMAL_ACCOUNT (0x200), enabled. */
    static final String NORMAL_ACCOUNT = "512";
    private static final SecureRandom RANDOM = new SecureRandom();

    private DirectorySeed() {
    }

    /** {@code LAB.EXAMPLE} → {@code DC=lab,DC=example}. */
    public static String baseDn(String realm) {
        return Stream.of(realm.toLowerCase(Locale.ROOT).split("\\."))
                .map(label -> "DC=" + label)
                .collect(Collectors.joining(","));
    }

    public static String usersDn(String realm) {
        return "CN=Users," + baseDn(realm);
    }

    /** A fresh domain SID {@code S-1-5-21-x-y-z} with three random 32-bit sub-authorities. */
    static String newDomainSid() {
        return "S-1-5-21-" + Stream.generate(() -> Integer.toUnsignedString(RANDOM.nextInt()))
                .limit(3).collect(Collectors.joining("-"));
    }

    /** An account and the altSecurityIdentities values (AD's stored form) that map its certificate. */
    public record SeededAccount(LabAccount account, List<String> altSecurityIdentities) {
        public SeededAccount {
            altSecurityIdentities = List.copyOf(altSecurityIdentities);
        }
    }

    public static List<Entry> entries(String realm, List<SeededAccount> accounts, String domainSid,
                                      ZonedDateTime created) {
        String base = baseDn(realm);
        List<Entry> entries = new ArrayList<>();
        entries.add(new Entry(base,
                // domainDNS (AD's class of a domain head) is what allows objectSid here in ad-lite.schema
                attribute("objectClass", "top", "domain", "domainDNS", "dcObject"),
                attribute("dc", realm.toLowerCase(Locale.ROOT).split("\\.")[0]),
                attribute("objectSid", domainSid)));
        entries.add(new Entry(usersDn(realm),
                attribute("objectClass", "top", "container"),
                attribute("cn", "Users")));
        String whenCreated = AD_TIME.format(created.withZoneSameInstant(ZoneOffset.UTC));
        for (SeededAccount seeded : accounts) {
            LabAccount account = seeded.account();
            Entry user = new Entry("CN=" + account.name() + "," + usersDn(realm),
                    attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                    attribute("cn", account.name()),
                    // RFC 4519 person requires sn; AD's does not, but OpenLDAP checks it
                    attribute("sn", account.name()),
                    attribute("sAMAccountName", account.name()),
                    attribute("userAccountControl", NORMAL_ACCOUNT),
                    // text form; AD stores the binary SID (MS-DTYP 2.4.2.2); the KDC reads both
                    attribute("objectSid", account.sid(domainSid)),
                    attribute("whenCreated", whenCreated));
            account.userPrincipalName(realm).ifPresent(upn -> user.addAttribute("userPrincipalName", upn));
            if (!seeded.altSecurityIdentities().isEmpty()) {
                user.addAttribute("altSecurityIdentities", seeded.altSecurityIdentities());
            }
            entries.add(user);
        }
        return entries;
    }

    /**
     * Writes the lab LDIF. Accounts are dated a day back, as if created before their certificates were issued,
     * so compatibility-mode enforcement (KB5014754) accepts their weak mappings.
     */
    public static void write(Path file, String realm, List<SeededAccount> accounts, String domainSid,
                             X509Certificate issuingCa) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (LDIFWriter writer = new LDIFWriter(file.toFile())) {
            writer.writeComment("Lab directory for " + realm + ", written by pkinit-kdc lab; edit freely "
                    + "(it is rewritten only when a lab user certificate is reissued).", false, true);
            for (Entry entry : entries(realm, accounts, domainSid, ZonedDateTime.now().minusDays(1))) {
                writer.writeEntry(entry);
            }
            for (Entry entry : ntAuthEntries(realm, issuingCa)) {
                writer.writeEntry(entry);
            }
        }
    }

    /**
     * CN=Configuration, CN=Services, CN=Public Key Services and the NTAuth object holding the lab issuing CA, as
     * {@code certutil -dspublish -f issuing.cer NTAuthCA} leaves it. The object is a {@code container} with the
     * RFC 4523 auxiliary class {@code pkiCA} (OpenLDAP's core.schema), since X.500's certificationAuthority, AD's
     * class for it, must hold CRLs as well; the value is {@code cACertificate;binary} (RFC 4523 2.1).
     */
    public static List<Entry> ntAuthEntries(String realm, X509Certificate issuingCa) {
        List<Entry> entries = new ArrayList<>();
        List<String> rdns = NtAuthCertificates.CONTAINERS;
        for (int depth = 1; depth <= rdns.size(); depth++) {
            boolean store = depth == rdns.size();
            Entry entry = new Entry(NtAuthCertificates.containerDn(baseDn(realm), depth),
                    store ? attribute("objectClass", "top", "container", "pkiCA")
                            : attribute("objectClass", "top", "container"),
                    attribute("cn", rdns.get(depth - 1).substring("CN=".length())));
            if (store) {
                entry.addAttribute(new Attribute(NtAuthCertificates.BINARY_ATTRIBUTE, encoded(issuingCa)));
            }
            entries.add(entry);
        }
        return entries;
    }

    /**
     * Appends the NTAuth entries a lab LDIF lacks (labs made before the NTAuth check).
     *
     * @return whether anything was appended
     */
    public static boolean ensureNtAuth(Path file, String realm, X509Certificate issuingCa) throws IOException {
        List<DN> present = new ArrayList<>();
        try (LDIFReader reader = new LDIFReader(file.toFile())) {
            for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                present.add(entry.getParsedDN());
            }
        } catch (LDIFException | LDAPException e) {
            throw new IOException(file + ": not a readable lab LDIF: " + e.getMessage(), e);
        }
        List<Entry> missing = new ArrayList<>();
        for (Entry entry : ntAuthEntries(realm, issuingCa)) {
            try {
                if (!present.contains(entry.getParsedDN())) {
                    missing.add(entry);
                }
            } catch (LDAPException e) {
                throw new IllegalStateException(e);
            }
        }
        if (missing.isEmpty()) {
            return false;
        }
        StringBuilder text = new StringBuilder("\n# The NTAuth store (added by pkinit-kdc lab)\n");
        missing.forEach(entry -> text.append(entry.toLDIFString()).append('\n'));
        Files.writeString(file, text, StandardOpenOption.APPEND);
        return true;
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The domain SID of an existing lab LDIF (the objectSid of its domain head), if it has one. */
    public static Optional<String> domainSid(Path file, String realm) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (LDIFReader reader = new LDIFReader(file.toFile())) {
            for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                if (entry.getParsedDN().equals(new DN(baseDn(realm)))) {
                    return Optional.ofNullable(entry.getAttributeValue("objectSid"));
                }
            }
            return Optional.empty();
        } catch (LDIFException | LDAPException e) {
            throw new IOException(file + ": not a readable lab LDIF: " + e.getMessage(), e);
        }
    }

    private static Attribute attribute(String name, String... values) {
        return new Attribute(name, values);
    }
}
