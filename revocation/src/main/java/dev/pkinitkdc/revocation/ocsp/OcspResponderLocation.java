package dev.pkinitkdc.revocation.ocsp;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * Where to ask about a certificate: the configured responder if there is one, else the first http(s) URL of the
 * certificate's authorityInfoAccess id-ad-ocsp (RFC 5280 4.2.2.1, RFC 6960 A.1).
 */
final class OcspResponderLocation {
    private final Optional<URI> configured;

    OcspResponderLocation(Optional<URI> configured) {
        this.configured = configured;
    }

    Optional<URI> of(X509Certificate certificate) {
        return configured.isPresent() ? configured : fromAia(certificate);
    }

    static Optional<URI> fromAia(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (extension == null) {
            return Optional.empty();
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(extension).getOctets());
            for (AccessDescription description : aia.getAccessDescriptions()) {
                GeneralName location = description.getAccessLocation();
                if (description.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && location.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    URI uri = URI.create(location.getName().toString());
                    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
                    if (scheme.equals("http") || scheme.equals("https")) {
                        return Optional.of(uri);
                    }
                }
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            // a malformed AIA or URI names no usable responder
            return Optional.empty();
        }
    }
}
