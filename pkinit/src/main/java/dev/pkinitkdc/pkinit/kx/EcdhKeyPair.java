package dev.pkinitkdc.pkinit.kx;

import dev.pkinitkdc.pkinit.cms.BcProvider;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.bouncycastle.jce.interfaces.ECPublicKey;
import org.bouncycastle.jce.spec.ECPublicKeySpec;

/**
 * An ephemeral ECDH key pair on an RFC 5349 curve. {@link #publicPoint()} is the uncompressed SEC 1 ECPoint that
 * goes into the BIT STRING of clientPublicValue or KDCDHKeyInfo.subjectPublicKey (RFC 5349 4, 5).
 * {@link #toString()} never shows the private key.
 */
public final class EcdhKeyPair {
    private final EcCurve curve;
    private final PrivateKey privateKey;
    private final byte[] publicPoint;

    private EcdhKeyPair(EcCurve curve, PrivateKey privateKey, byte[] publicPoint) {
        this.curve = curve;
        this.privateKey = privateKey;
        this.publicPoint = publicPoint;
    }

    public static EcdhKeyPair generate(EcCurve curve, SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", BcProvider.INSTANCE);
            g.initialize(curve.spec(), random);
            KeyPair kp = g.generateKeyPair();
            return new EcdhKeyPair(curve, kp.getPrivate(), ((ECPublicKey) kp.getPublic()).getQ().getEncoded(false));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC key generation on " + curve + " is unavailable", e);
        }
    }

    public EcCurve curve() {
        return curve;
    }

    public byte[] publicPoint() {
        return publicPoint.clone();
    }

    /**
     * RFC 5349 7: Z is the x-coordinate of the shared point, as an octet string of the field's length (the leading
     * zeros kept). The peer's point is validated first ({@link EcPublicValueCheck}).
     */
    public byte[] agree(byte[] peerPoint) {
        try {
            PublicKey peer = KeyFactory.getInstance("EC", BcProvider.INSTANCE).generatePublic(
                    new ECPublicKeySpec(EcPublicValueCheck.decode(curve, peerPoint), curve.spec()));
            KeyAgreement ka = KeyAgreement.getInstance("ECDH", BcProvider.INSTANCE);
            ka.init(privateKey);
            ka.doPhase(peer, true);
            byte[] z = ka.generateSecret();
            if (z.length == curve.byteLength()) {
                return z;
            }
            byte[] padded = new byte[curve.byteLength()];
            System.arraycopy(z, 0, padded, padded.length - z.length, z.length);
            Arrays.fill(z, (byte) 0);
            return padded;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("ECDH on " + curve + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "EcdhKeyPair[" + curve.describe() + "]";
    }
}
