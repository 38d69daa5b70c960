package dev.pkinitkdc.pkinit.asn1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;

/**
 * RFC 4556 3.2.2: {@code ExternalPrincipalIdentifier ::= SEQUENCE { subjectName [0] IMPLICIT OCTET STRING
 * OPTIONAL, issuerAndSerialNumber [1] IMPLICIT OCTET STRING OPTIONAL, subjectKeyIdentifier [2] IMPLICIT OCTET
 * STRING OPTIONAL }}, in the SEQUENCE OF that TD-TRUSTED-CERTIFIERS and TD-INVALID-CERTIFICATES carry.
 */
public final class ExternalPrincipalIdentifiers {
    private ExternalPrincipalIdentifiers() {
    }

    /** TD-TRUSTED-CERTIFIERS: each trust anchor by its subject name and key identifier. */
    public static byte[] trustedCertifiers(List<X509Certificate> anchors) {
        ASN1EncodableVector ids = new ASN1EncodableVector();
        for (X509Certificate anchor : anchors) {
            Certificate c = parse(anchor);
            ASN1EncodableVector id = new ASN1EncodableVector();
            id.add(new DERTaggedObject(false, 0, new DEROctetString(Der.encode(c.getSubject()))));
            byte[] ski = anchor.getExtensionValue(Extension.subjectKeyIdentifier.getId());
            if (ski != null) {
                byte[] keyId = ASN1OctetString.getInstance(ASN1OctetString.getInstance(ski).getOctets()).getOctets();
                id.add(new DERTaggedObject(false, 2, new DEROctetString(keyId)));
            }
            ids.add(new DERSequence(id));
        }
        return TypedData.of(TypedData.TD_TRUSTED_CERTIFIERS, Der.encode(new DERSequence(ids)));
    }

    /** TD-INVALID-CERTIFICATES: each certificate by its issuer and serial number. */
    public static byte[] invalidCertificates(List<X509Certificate> invalid) {
        ASN1EncodableVector ids = new ASN1EncodableVector();
        for (X509Certificate cert : invalid) {
            Certificate c = parse(cert);
            IssuerAndSerialNumber ias = new IssuerAndSerialNumber(c.getIssuer(), c.getSerialNumber().getValue());
            ids.add(new DERSequence(new DERTaggedObject(false, 1, new DEROctetString(Der.encode(ias)))));
        }
        return TypedData.of(TypedData.TD_INVALID_CERTIFICATES, Der.encode(new DERSequence(ids)));
    }

    private static Certificate parse(X509Certificate cert) {
        try {
            return Certificate.getInstance(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
