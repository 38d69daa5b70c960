package dev.pkinitkdc.mapping.altsec;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * What the altSecurityIdentities forms compare a certificate by, computed once: issuer and subject DNs, serial,
 * subjectKeyIdentifier (RFC 5280 4.2.1.2, the extension's key identifier octets), SHA-1 of the whole DER
 * certificate (Samba's observed SHA1-PUKEY), SAN rfc822Names and the SIDs it carries.
 */
public record CertificateIdentity(X509Certificate certificate, DistinguishedName issuer, DistinguishedName subject,
                                  BigInteger serial, Optional<String> subjectKeyIdentifier, String sha1,
                                  List<String> rfc822Names, List<String> sids) {
    public CertificateIdentity {
        rfc822Names = List.copyOf(rfc822Names);
        sids = List.copyOf(sids);
    }

    public static CertificateIdentity of(X509Certificate cert) {
        return new CertificateIdentity(cert, DistinguishedName.of(cert.getIssuerX500Principal()),
                DistinguishedName.of(cert.getSubjectX500Principal()), cert.getSerialNumber(), ski(cert), sha1(cert),
                CertificateNames.rfc822Names(cert), CertificateSids.of(cert));
    }

    private static Optional<String> ski(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue("2.5.29.14");
        if (ext == null) {
            return Optional.empty();
        }
        try {
            byte[] id = SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(ext).getOctets())
                    .getKeyIdentifier();
            return Optional.of(HexFormat.of().withUpperCase().formatHex(id));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String sha1(X509Certificate cert) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash the certificate", e);
        }
    }
}
