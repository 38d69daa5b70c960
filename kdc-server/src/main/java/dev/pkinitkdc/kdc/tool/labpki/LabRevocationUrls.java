package dev.pkinitkdc.kdc.tool.labpki;

import dev.pkinitkdc.conf.HostPort;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Where the lab serves revocation on loopback, {@code http://HOST:PORT}: OCSP at {@code /ocsp} (RFC 6960 A.1),
 * the issuing CA's CRL at {@code /crl/issuing.crl} and the root's at {@code /crl/root.crl} (RFC 5280 4.2.1.13).
 * The lab's certificates carry these URLs, so the base is recorded at first creation and reused.
 */
public record LabRevocationUrls(String host, int port) {
    public LabRevocationUrls {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("revocation port must be 1..65535: " + port);
        }
    }

    /** Reads a recorded base URL such as {@code http://127.0.0.1:8889} or {@code http://[::1]:8889}. */
    public static LabRevocationUrls parse(String base) throws IOException {
        try {
            URI uri = new URI(base.strip());
            String host = uri.getHost();
            if (!"http".equals(uri.getScheme()) || host == null || uri.getPort() < 0) {
                throw new IOException("not an http://HOST:PORT revocation base URL: " + base);
            }
            return new LabRevocationUrls(host.startsWith("[") ? host.substring(1, host.length() - 1) : host,
                    uri.getPort());
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("not an http://HOST:PORT revocation base URL: " + base, e);
        }
    }

    public String base() {
        return "http://" + HostPort.format(host, port);
    }

    public String ocsp() {
        return base() + "/ocsp";
    }

    public String issuingCrl() {
        return base() + "/crl/issuing.crl";
    }

    public String rootCrl() {
        return base() + "/crl/root.crl";
    }

    /** Whether a user certificate carries exactly this lab's AIA OCSP URL and CRL distribution point. */
    public boolean pointedAtBy(X509Certificate userCertificate) {
        return ocspUrls(userCertificate).equals(List.of(ocsp()))
                && crlUrls(userCertificate).equals(List.of(issuingCrl()));
    }

    /** The id-ad-ocsp URIs of the certificate's authorityInfoAccess (RFC 5280 4.2.2.1). */
    public static List<String> ocspUrls(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        ASN1Primitive value = extension(cert, Extension.authorityInfoAccess.getId());
        if (value != null) {
            for (AccessDescription d : AuthorityInformationAccess.getInstance(value).getAccessDescriptions()) {
                if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                    addUri(out, d.getAccessLocation());
                }
            }
        }
        return out;
    }

    /** The fullName URIs of the certificate's cRLDistributionPoints (RFC 5280 4.2.1.13). */
    public static List<String> crlUrls(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        ASN1Primitive value = extension(cert, Extension.cRLDistributionPoints.getId());
        if (value != null) {
            for (DistributionPoint point : CRLDistPoint.getInstance(value).getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName n : GeneralNames.getInstance(name.getName()).getNames()) {
                        addUri(out, n);
                    }
                }
            }
        }
        return out;
    }

    private static void addUri(List<String> out, GeneralName name) {
        if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
            out.add(name.getName().toString());
        }
    }

    private static ASN1Primitive extension(X509Certificate cert, String oid) {
        byte[] der = cert.getExtensionValue(oid);
        if (der == null) {
            return null;
        }
        try {
            return JcaX509ExtensionUtils.parseExtensionValue(der);
        } catch (IOException e) {
            return null;
        }
    }
}
