package dev.pkinitkdc.revocation.crl;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * The URLs of CRLDistributionPoints syntax (RFC 5280 4.2.1.13), used by a certificate's cRLDistributionPoints and
 * freshestCRL (4.2.1.15) and by a CRL's freshestCRL (5.2.6).
 */
final class DistributionPointUrls {
    private DistributionPointUrls() {
    }

    /**
     * The URLs to download from, HTTP(S) before LDAP (each group in the certificate's order). Points with a
     * cRLIssuer (indirect CRLs) or with reasons (partial CRLs) are left out: they cannot give a complete answer.
     */
    static List<String> downloadable(CRLDistPoint points) {
        List<String> urls = new ArrayList<>();
        if (points == null) {
            return urls;
        }
        for (DistributionPoint point : points.getDistributionPoints()) {
            if (point.getCRLIssuer() == null && point.getReasons() == null) {
                urls.addAll(fullNameUris(point.getDistributionPoint()));
            }
        }
        urls.removeIf(url -> rank(url) > 1);
        urls.sort(Comparator.comparingInt(DistributionPointUrls::rank));
        return urls;
    }

    /** Every uniformResourceIdentifier of every point, for matching a CRL's issuingDistributionPoint. */
    static List<String> allNames(CRLDistPoint points) {
        List<String> urls = new ArrayList<>();
        if (points != null) {
            for (DistributionPoint point : points.getDistributionPoints()) {
                urls.addAll(fullNameUris(point.getDistributionPoint()));
            }
        }
        return urls;
    }

    /** The uniformResourceIdentifier names of a fullName; none for nameRelativeToCRLIssuer. */
    static List<String> fullNameUris(DistributionPointName name) {
        List<String> urls = new ArrayList<>();
        if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
            for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
                if (general.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    urls.add(ASN1IA5String.getInstance(general.getName()).getString());
                }
            }
        }
        return urls;
    }

    /** The certificate's extension {@code oid} in CRLDistributionPoints syntax, or null when absent. */
    static CRLDistPoint ofCertificate(X509Certificate certificate, ASN1ObjectIdentifier oid) {
        byte[] value = certificate.getExtensionValue(oid.getId());
        if (value == null) {
            return null;
        }
        try {
            return CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    static boolean isLdap(String url) {
        return rank(url) == 1;
    }

    private static int rank(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return 0;
        }
        return lower.startsWith("ldap://") || lower.startsWith("ldaps://") ? 1 : 2;
    }
}
