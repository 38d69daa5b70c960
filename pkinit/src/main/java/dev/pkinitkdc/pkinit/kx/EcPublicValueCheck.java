package dev.pkinitkdc.pkinit.kx;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * SP 800-56A 5.6.2.3.3 full public-key validation of an ECDH public value (RFC 5349 7 asks the peer's point to be
 * checked): the SEC 1 2.3.3 ECPoint octets decode, the point is not the point at infinity, its coordinates lie in
 * [0, p-1], and it satisfies the curve equation. The order check n·Q = O is implied: the RFC 5349 curves have
 * cofactor 1, so every point on the curve other than infinity has order n.
 */
public final class EcPublicValueCheck {
    private EcPublicValueCheck() {
    }

    /** The validated point; IllegalArgumentException saying why otherwise. */
    public static ECPoint decode(EcCurve curve, byte[] octets) {
        ECCurve c = curve.spec().getCurve();
        int n = curve.byteLength();
        if (octets == null || octets.length == 0) {
            throw new IllegalArgumentException("empty EC point");
        }
        ECPoint point;
        if (octets[0] == 0x04 && octets.length == 1 + 2 * n) {
            BigInteger x = new BigInteger(1, Arrays.copyOfRange(octets, 1, 1 + n));
            BigInteger y = new BigInteger(1, Arrays.copyOfRange(octets, 1 + n, 1 + 2 * n));
            BigInteger p = c.getField().getCharacteristic();
            if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
                throw new IllegalArgumentException("EC point coordinate not below the field prime");
            }
            try {
                point = c.validatePoint(x, y);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("EC point is not on " + curve, e);
            }
        } else if ((octets[0] == 0x02 || octets[0] == 0x03) && octets.length == 1 + n) {
            try {
                point = c.decodePoint(octets);   // decompression finds y on the curve or fails
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("compressed EC point is not on " + curve, e);
            }
        } else {
            throw new IllegalArgumentException("EC point encoding (first octet " + (octets[0] & 0xff) + ", "
                    + octets.length + " octets) is not SEC 1 for " + curve);
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException("EC point is infinity or not on " + curve);
        }
        return point;
    }
}
