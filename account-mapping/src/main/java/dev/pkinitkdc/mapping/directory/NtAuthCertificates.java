package dev.pkinitkdc.mapping.directory;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The enterprise NTAuth store as Active Directory keeps it (MS-WCCE 2.2.2.11.3, MS-PKCA 3.1.5.2.1.1): the
 * multi-valued {@code cACertificate} (DER) of {@code CN=NTAuthCertificates,CN=Public Key Services,CN=Services,
 * CN=Configuration,<domain DN>}. {@code certutil -dspublish -f ca.cer NTAuthCA} adds a value; {@code certutil
 * -viewstore -enterprise NTAuth} lists them.
 */
public interface NtAuthCertificates extends AutoCloseable {
    /**
     * How values are written and requested: RFC 4523 2.1 makes the binary transfer option mandatory for the
     * Certificate syntax (OpenLDAP enforces it); AD accepts it.
     */
    String BINARY_ATTRIBUTE = "cACertificate;binary";

    /** The NTAuth object's RDNs above the domain DN. */
    List<String> CONTAINERS = List.of("CN=Configuration", "CN=Services", "CN=Public Key Services",
            "CN=NTAuthCertificates");

    /** {@code CN=NTAuthCertificates,CN=Public Key Services,CN=Services,CN=Configuration,<baseDn>}. */
    static String dn(String baseDn) {
        return containerDn(baseDn, CONTAINERS.size());
    }

    /** The DN of the first {@code depth} containers of {@link #CONTAINERS} under {@code baseDn}. */
    static String containerDn(String baseDn, int depth) {
        StringBuilder dn = new StringBuilder(baseDn);
        for (String rdn : CONTAINERS.subList(0, depth)) {
            dn.insert(0, rdn + ",");
        }
        return dn.toString();
    }

    /** Whether an attribute description ({@code cACertificate}, {@code cACertificate;binary}) names it. */
    static boolean isCaCertificate(String attributeDescription) {
        return attributeDescription.split(";", 2)[0].toLowerCase(Locale.ROOT).equals("cacertificate");
    }

    /** The DER certificates of the object; empty when the object does not exist. */
    Optional<List<byte[]>> read() throws IOException;

    /** Adds one certificate (LDAP modify add of a value). */
    void add(byte[] der) throws IOException;

    /** Removes one certificate (LDAP modify delete of a value). */
    void remove(byte[] der) throws IOException;

    @Override
    void close();
}
