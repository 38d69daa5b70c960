package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.pkinit.kx.EcCurve;
import dev.pkinitkdc.pkinit.kx.EcdhKeyPair;
import java.security.SecureRandom;

/**
 * RFC 5349: the client asked for ECDH on a named curve with the ECPoint {@code clientPoint}. The KDC's ephemeral
 * key is on the same curve (RFC 5349 5) and Z is the x-coordinate of the shared point (RFC 5349 7).
 */
public record EllipticCurveExchange(EcCurve curve, byte[] clientPoint) implements KeyAgreementExchange {
    public EllipticCurveExchange {
        clientPoint = clientPoint.clone();
    }

    @Override
    public byte[] clientPoint() {
        return clientPoint.clone();
    }

    @Override
    public String describe() {
        return curve.describe();
    }

    @Override
    public KdcKeyAgreement agree(SecureRandom random) {
        EcdhKeyPair kdcKey = EcdhKeyPair.generate(curve, random);
        return new KdcKeyAgreement(kdcKey.publicPoint(), kdcKey.agree(clientPoint));
    }
}
