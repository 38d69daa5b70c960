package dev.pkinitkdc.pkinit.labpki;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.KeyPairs;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds X.509 v3 certificates (RFC 5280) signed with SHA-256 with RSA: a general tool for the lab PKI and for
 * tests that need unusual certificates (untrusted issuer, wrong EKU, expired).
 *
 * <pre>{@code
 * CertifiedKey user = CertificateBuilder.withNewKey("CN=carol")
 *         .subjectAltNames(SubjectAltNames.upnName("carol@lab.example"))
 *         .extendedKeyUsages(KeyPurposeId.id_kp_serverAuth)
 *         .validity(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)))
 *         .issuedBy(issuingCa);
 * }</pre>
 *
 * Defaults: valid from one hour ago for two years, random positive 16-byte serial number, no SAN, no EKU, key
 * usage digitalSignature + keyEncipherment for end entities and keyCertSign + cRLSign for CAs.
 */
public final class CertificateBuilder {
    /** Backdating of notBefore, so a client whose clock is a little behind still accepts the certificate. */
    public static final Duration BACKDATE = Duration.ofHours(1);
    public static final Duration END_ENTITY_VALIDITY = Duration.ofDays(2 * 365);
    public static final Duration CA_VALIDITY = Duration.ofDays(10 * 365);
    static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X500Name subject;
    private final KeyPair keyPair;
    private final List<GeneralName> subjectAltNames = new ArrayList<>();
    private final List<KeyPurposeId> extendedKeyUsages = new ArrayList<>();
    private Instant notBefore = Instant.now().minus(BACKDATE);
    private Instant notAfter;
    private Integer keyUsage;
    private boolean ca;
    private Integer pathLength;
    private BigInteger serial = randomSerial();
    private String signatureAlgorithm = SIGNATURE_ALGORITHM;
    private final List<Extension> extraExtensions = new ArrayList<>();

    private CertificateBuilder(String subjectDn, KeyPair keyPair) {
        // RFC 4514 order (most specific RDN first), as X500Principal and openssl -nameopt RFC2253 read it
        this.subject = X500Name.getInstance(new X500Principal(subjectDn).getEncoded());
        this.keyPair = Objects.requireNonNull(keyPair);
    }

    /** A builder for a certificate of {@code subjectDn} (RFC 4514 string) with a freshly generated RSA 2048 key. */
    public static CertificateBuilder withNewKey(String subjectDn) {
        return new CertificateBuilder(subjectDn, KeyPairs.rsa2048());
    }

    /** A builder for a certificate of {@code subjectDn} certifying the given key pair. */
    public static CertificateBuilder withKey(String subjectDn, KeyPair keyPair) {
        return new CertificateBuilder(subjectDn, keyPair);
    }

    /** RFC 5280 4.2.1.6; non-critical because the subject is never empty here. */
    public CertificateBuilder subjectAltNames(GeneralName... names) {
        subjectAltNames.addAll(List.of(names));
        return this;
    }

    /** RFC 5280 4.2.1.12, e.g. {@code KeyPurposeId.id_kp_clientAuth} or {@code LabOids.ID_PKINIT_KP_KDC}. */
    public CertificateBuilder extendedKeyUsages(KeyPurposeId... purposes) {
        extendedKeyUsages.addAll(List.of(purposes));
        return this;
    }

    /** RFC 5280 4.2.1.3: bits from {@link KeyUsage}, e.g. {@code KeyUsage.digitalSignature | KeyUsage.keyEncipherment}. */
    public CertificateBuilder keyUsage(int bits) {
        this.keyUsage = bits;
        return this;
    }

    public CertificateBuilder validity(Instant notBefore, Instant notAfter) {
        this.notBefore = notBefore;
        this.notAfter = notAfter;
        return this;
    }

    /** Valid from one hour ago for {@code lifetime}. */
    public CertificateBuilder validFor(Duration lifetime) {
        Instant start = Instant.now().minus(BACKDATE);
        return validity(start, start.plus(lifetime));
    }

    /** A CA certificate (RFC 5280 4.2.1.9) with the given pathLenConstraint, or none when {@code null}. */
    public CertificateBuilder ca(Integer pathLengthConstraint) {
        this.ca = true;
        this.pathLength = pathLengthConstraint;
        return this;
    }

    public CertificateBuilder serial(BigInteger serialNumber) {
        this.serial = serialNumber;
        return this;
    }

    /** RFC 5280 4.2.2.1: authorityInfoAccess with id-ad-ocsp pointing at {@code url} (RFC 6960). */
    public CertificateBuilder ocspUrl(String url) {
        AccessDescription ocsp = new AccessDescription(AccessDescription.id_ad_ocsp,
                new GeneralName(GeneralName.uniformResourceIdentifier, url));
        return extension(extensionOf(Extension.authorityInfoAccess, new AuthorityInformationAccess(ocsp)));
    }

    /** RFC 5280 4.2.1.13: one distribution point whose fullName is the given URLs (HTTP, LDAP). */
    public CertificateBuilder crlDistributionPoint(String... urls) {
        return extension(extensionOf(Extension.cRLDistributionPoints, CrlBuilder.distributionPoints(urls)));
    }

    /**
     * RFC 6960 4.2.2.2.1: id-pkix-ocsp-nocheck (value NULL), telling OCSP clients not to check the status of this
     * delegated responder certificate; use with {@code extendedKeyUsages(KeyPurposeId.id_kp_OCSPSigning)}.
     */
    public CertificateBuilder ocspNoCheck() {
        return extension(extensionOf(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, DERNull.INSTANCE));
    }

    static Extension extensionOf(org.bouncycastle.asn1.ASN1ObjectIdentifier oid,
                                 org.bouncycastle.asn1.ASN1Encodable value) {
        try {
            return new Extension(oid, false, value.toASN1Primitive().getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + oid, e);
        }
    }

    /** Any further extension, e.g. the SID security extension (1.3.6.1.4.1.311.25.2). */
    public CertificateBuilder extension(Extension extension) {
        extraExtensions.add(extension);
        return this;
    }

    /** The issuer's signature algorithm, e.g. {@code SHA1withRSA} for a certificate a policy must refuse. */
    public CertificateBuilder signatureAlgorithm(String jcaName) {
        this.signatureAlgorithm = jcaName;
        return this;
    }

    public CertifiedKey issuedBy(CertifiedKey issuer) {
        return sign(X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()), issuer);
    }

    /** A self-signed certificate (a root CA, or a test certificate nobody trusts). */
    public CertifiedKey selfSigned() {
        return sign(subject, null);
    }

    private CertifiedKey sign(X500Name issuerName, CertifiedKey issuer) {
        try {
            Instant end = notAfter != null ? notAfter : notBefore.plus(ca ? CA_VALIDITY : END_ENTITY_VALIDITY);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial,
                    Date.from(notBefore), Date.from(end), subject, keyPair.getPublic());
            addExtensions(builder, issuer);
            var signingKey = issuer == null ? keyPair.getPrivate() : issuer.privateKey();
            var signer = new JcaContentSignerBuilder(signatureAlgorithm).build(signingKey);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new CertifiedKey(certificate, keyPair.getPrivate());
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot build certificate for " + subject, e);
        }
    }

    private void addExtensions(X509v3CertificateBuilder builder, CertifiedKey issuer)
            throws GeneralSecurityException, CertIOException {
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        // RFC 5280 4.2.1.9: critical in CA certificates.
        BasicConstraints constraints = !ca ? new BasicConstraints(false)
                : pathLength == null ? new BasicConstraints(true) : new BasicConstraints(pathLength);
        builder.addExtension(Extension.basicConstraints, ca, constraints);
        int usage = keyUsage != null ? keyUsage
                : ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.keyEncipherment;
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
        // RFC 5280 4.2.1.1 and 4.2.1.2.
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                utils.createSubjectKeyIdentifier(keyPair.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(utils, issuer));
        if (!subjectAltNames.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(subjectAltNames.toArray(GeneralName[]::new)));
        }
        if (!extendedKeyUsages.isEmpty()) {
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(extendedKeyUsages.toArray(KeyPurposeId[]::new)));
        }
        for (Extension extension : extraExtensions) {
            builder.addExtension(extension);
        }
    }

    /** RFC 5280 4.2.1.1: the keyIdentifier form only, equal to the issuer's subjectKeyIdentifier. */
    private AuthorityKeyIdentifier authorityKeyIdentifier(JcaX509ExtensionUtils utils, CertifiedKey issuer)
            throws GeneralSecurityException {
        if (issuer == null) {
            return utils.createAuthorityKeyIdentifier(keyPair.getPublic());
        }
        byte[] extension = issuer.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return utils.createAuthorityKeyIdentifier(issuer.certificate().getPublicKey());
        }
        try {
            SubjectKeyIdentifier ski = SubjectKeyIdentifier.getInstance(
                    JcaX509ExtensionUtils.parseExtensionValue(extension));
            return new AuthorityKeyIdentifier(ski.getKeyIdentifier());
        } catch (IOException e) {
            throw new CertificateParsingException("bad subjectKeyIdentifier in issuer", e);
        }
    }

    /** RFC 5280 4.1.2.2: positive, at most 20 octets; 16 random bytes with the top bit clear. */
    private static BigInteger randomSerial() {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            RANDOM.nextBytes(bytes);
            bytes[0] &= 0x7f;
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }
}
