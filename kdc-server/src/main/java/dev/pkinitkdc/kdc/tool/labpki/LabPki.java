package dev.pkinitkdc.kdc.tool.labpki;

import dev.pkinitkdc.mapping.altsec.CertificateSids;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.cert.KeyPairs;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.util.IPAddress;

/** The lab's two-level PKI (root CA, issuing CA with pathLen 0) and the certificates it issues. */
public record LabPki(CertifiedKey root, CertifiedKey issuing) {
    /** KRB5PrincipalName name types, RFC 4120 6.2. */
    static final int NT_PRINCIPAL = 1;
    static final int NT_SRV_INST = 2;
    private static final int END_ENTITY_KEY_USAGE = KeyUsage.digitalSignature | KeyUsage.keyEncipherment;

    /** A PKI whose issuing CA carries no CRL distribution point (tests that do not check revocation). */
    public static LabPki generate(String realm) {
        return generate(realm, null);
    }

    /** A PKI whose issuing CA names the lab's root CRL as its distribution point (revocation scope chain). */
    public static LabPki generate(String realm, LabRevocationUrls urls) {
        return generate(caName("Lab Root CA", realm), caName("Lab Issuing CA", realm), KeyPairs::rsa2048,
                CertificateBuilder.CA_VALIDITY, urls);
    }

    /**
     * A root CA and an issuing CA (pathLen 0) with new keys from {@code keys}, both valid for {@code validity}.
     *
     * @param urls where the root's CRL is published, for the issuing CA's distribution point; none when null
     */
    public static LabPki generate(String rootDn, String issuingDn, Supplier<KeyPair> keys, Duration validity,
                                  LabRevocationUrls urls) {
        CertifiedKey root = CertificateBuilder.withKey(rootDn, keys.get()).ca(null).validFor(validity).selfSigned();
        return new LabPki(root, issuingCa(CertificateBuilder.withKey(issuingDn, keys.get()).validFor(validity), root,
                urls));
    }

    /** The same root with a new issuing CA whose distribution point is {@code urls}' root CRL. */
    public LabPki withNewIssuingCa(LabRevocationUrls urls) {
        return new LabPki(root, issuingCa(CertificateBuilder.withNewKey(caName("Lab Issuing CA", realm())), root,
                urls));
    }

    /** Whether the issuing CA's only CRL distribution point is {@code urls}' root CRL. */
    public boolean issuingCaPointsAt(LabRevocationUrls urls) {
        return LabRevocationUrls.crlUrls(issuing.certificate()).equals(List.of(urls.rootCrl()));
    }

    private static CertifiedKey issuingCa(CertificateBuilder builder, CertifiedKey root, LabRevocationUrls urls) {
        builder.ca(0);
        if (urls != null) {
            builder.crlDistributionPoint(urls.rootCrl());
        }
        return builder.issuedBy(root);
    }

    /**
     * Issues {@code builder}'s certificate from the issuing CA with the lab's revocation pointers: AIA OCSP and the
     * issuing CA's CRL distribution point (RFC 5280 4.2.2.1, 4.2.1.13), so the lab KDC can check it. Tests that
     * make their own lab certificates use this.
     */
    public CertifiedKey issue(CertificateBuilder builder, LabRevocationUrls urls) {
        return builder.ocspUrl(urls.ocsp()).crlDistributionPoint(urls.issuingCrl()).issuedBy(issuing);
    }

    public static LabPki load(LabLayout layout) throws IOException {
        return new LabPki(PemFiles.certifiedKey(layout.rootCertificate(), layout.rootKey()),
                PemFiles.certifiedKey(layout.issuingCertificate(), layout.issuingKey()));
    }

    public void save(LabLayout layout) throws IOException {
        PemFileWriter.writeCertifiedKey(layout.rootCertificate(), layout.rootKey(), root);
        PemFileWriter.writeCertifiedKey(layout.issuingCertificate(), layout.issuingKey(), issuing);
    }

    /**
     * The KDC certificate MIT kinit accepts: id-pkinit-san krbtgt/REALM@REALM (RFC 4556 3.2.4) and, for
     * {@code pkinit_kdc_hostname} checks, the host's dNSName with EKU id-pkinit-KPKdc and KU digitalSignature.
     */
    public CertifiedKey issueKdc(String realm, String host) {
        return kdcCertificate(realm, host).issuedBy(issuing);
    }

    /**
     * {@link #issueKdc(String, String)} with the lab's revocation pointers, so the KDC can fetch an OCSP response
     * about its own certificate and staple it into replies (RFC 4557).
     */
    public CertifiedKey issueKdc(String realm, String host, LabRevocationUrls urls) {
        return issue(kdcCertificate(realm, host), urls);
    }

    private static CertificateBuilder kdcCertificate(String realm, String host) {
        List<GeneralName> names = new ArrayList<>();
        names.add(krbtgtName(realm));
        String dnsName = dnsNameOf(host);
        if (dnsName != null) {
            names.add(new GeneralName(GeneralName.dNSName, dnsName));
        }
        if (isIpLiteral(host)) {
            names.add(new GeneralName(GeneralName.iPAddress, host));
        }
        return CertificateBuilder.withNewKey("CN=" + (dnsName != null ? dnsName : host))
                .subjectAltNames(names.toArray(GeneralName[]::new))
                .extendedKeyUsages(LabOids.ID_PKINIT_KP_KDC, KeyPurposeId.id_kp_serverAuth)
                .keyUsage(END_ENTITY_KEY_USAGE);
    }

    /**
     * A logon certificate for the account, named the way {@link LabAccount#nameInCertificate()} says, with the
     * lab's revocation pointers.
     *
     * @param domainSid the lab domain's SID, for the SID security extension of accounts that carry it
     */
    public CertifiedKey issueUser(LabAccount account, String realm, String domainSid, LabRevocationUrls urls) {
        CertificateBuilder builder = CertificateBuilder.withNewKey("CN=" + account.name())
                .keyUsage(END_ENTITY_KEY_USAGE);
        if (account.sidExtension()) {
            builder.extension(CertificateSids.extension(account.sid(domainSid)));
        }
        switch (account.nameInCertificate()) {
            case MICROSOFT_UPN -> builder
                    .subjectAltNames(SubjectAltNames.upnName(account.userPrincipalName(realm).orElseThrow()))
                    .extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON, KeyPurposeId.id_kp_clientAuth);
            case PKINIT_SAN -> builder
                    .subjectAltNames(SubjectAltNames.kerberosName(
                            new KerberosPrincipalName(realm, NT_PRINCIPAL, List.of(account.name()))))
                    .extendedKeyUsages(LabOids.ID_PKINIT_KP_CLIENT_AUTH);
            case NONE -> builder.extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON, KeyPurposeId.id_kp_clientAuth);
        }
        return issue(builder, urls);
    }

    /** The id-pkinit-san a KDC certificate carries, {@code krbtgt/REALM@REALM} (RFC 4556 3.2.4). */
    public static GeneralName krbtgtName(String realm) {
        return SubjectAltNames.kerberosName(new KerberosPrincipalName(realm, NT_SRV_INST, List.of("krbtgt", realm)));
    }

    /** Whether a KDC certificate issued earlier still carries the SAN {@link #issueKdc} would give {@code host}. */
    public static boolean namesHost(X509Certificate kdcCertificate, String host) {
        String dnsName = dnsNameOf(host);
        return dnsName == null || SubjectAltNames.dnsNames(kdcCertificate).contains(dnsName);
    }

    /** The realm this PKI was made for: the O of the root CA's subject. */
    public String realm() {
        X500Name name = X500Name.getInstance(root.certificate().getSubjectX500Principal().getEncoded());
        RDN[] rdns = name.getRDNs(BCStyle.O);
        return rdns.length == 0 ? "" : rdns[0].getFirst().getValue().toString();
    }

    private static String caName(String commonName, String realm) {
        return "CN=" + commonName + ",O=" + realm;
    }

    static boolean isIpLiteral(String host) {
        return IPAddress.isValid(host);
    }

    /** The host's DNS name; "localhost" for a loopback address, none for another address. */
    private static String dnsNameOf(String host) {
        if (!isIpLiteral(host)) {
            return host;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress() ? "localhost" : null; // a literal: no lookup
        } catch (IOException e) {
            return null;
        }
    }
}
