package dev.pkinitkdc.pkinit.cms;

import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * A SignedData whose one signature verified with {@code signer}, a certificate carried in it.
 *
 * @param certificates every certificate carried in the SignedData, signer included
 */
public record VerifiedSignedData(ASN1ObjectIdentifier contentType, byte[] content, X509Certificate signer,
                                 List<X509Certificate> certificates) {
    public VerifiedSignedData {
        content = content.clone();
        certificates = List.copyOf(certificates);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
