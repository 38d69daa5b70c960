package dev.pkinitkdc.revocation;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * One certificate as its issuing authority names it: the SHA-256 of the issuer's SubjectPublicKeyInfo and the
 * serial number (RFC 5280 4.1.2.2: serials are unique per CA, and a CA is its key, not its name; RFC 6960 4.1.1
 * keys CertID on the issuer key hash for the same reason). Two CAs with one name but different keys never share
 * an entry of the {@link RevokedLedger}.
 *
 * @param issuerKeyHash lower-case hex SHA-256 of the issuer's encoded public key
 */
public record RevokedSerial(String issuerKeyHash, BigInteger serial) {
    public static RevokedSerial of(CertificateToCheck check) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(check.issuer().getPublicKey().getEncoded());
            return new RevokedSerial(HexFormat.of().formatHex(digest), check.certificate().getSerialNumber());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "serial " + serial.toString(16).toUpperCase(Locale.ROOT) + " of issuer key " + issuerKeyHash;
    }
}
