package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.CertificateToCheck;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.util.HexFormat;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The RFC 6960 4.1.1 CertID of one certificate, with SHA-1 issuer name and key hashes (the interoperable default,
 * RFC 5019 2.1.1). Equal for the same issuer key and serial number: the key of the response cache and of the
 * in-flight requests.
 *
 * @param issuerKeyHash hex SHA-1 of the issuer's subjectPublicKey BIT STRING value
 */
record CertId(String issuerKeyHash, BigInteger serial) {

    /** The Bouncy Castle CertID that requests carry. */
    static CertificateID requestId(CertificateToCheck certificate) {
        try {
            return new CertificateID(
                    new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(certificate.issuer()),
                    certificate.certificate().getSerialNumber());
        } catch (OperatorCreationException | OCSPException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute the OCSP CertID: " + e.getMessage(), e);
        }
    }

    static CertId of(CertificateID id) {
        return new CertId(HexFormat.of().formatHex(id.getIssuerKeyHash()), id.getSerialNumber());
    }

    @Override
    public String toString() {
        return "serial " + serial.toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
