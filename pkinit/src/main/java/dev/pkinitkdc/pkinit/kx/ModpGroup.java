package dev.pkinitkdc.pkinit.kx;

import dev.pkinitkdc.pkinit.asn1.DhDomainParameters;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;

/**
 * The MODP groups PKINIT clients use (RFC 4556 3.2.1 names RFC 2409 group 2 and RFC 3526 groups 14 and 16; MIT
 * also offers RFC 3526 group 18, 8192 bits). Group 2 is known only so that it can be recognised and refused.
 *
 * <p>Private exponents are {@code exponentBits} long rather than full length: at least twice the group's security
 * strength (SP 800-56A rev. 3 5.6.1.1.1, SP 800-57 part 1 table 2: 112 bits for 2048-bit p, 152 for 4096;
 * RFC 7919 5.2 names 225 bits for the 2048-bit group; RFC 3526 section 8), which keeps modPow cheap.
 */
public enum ModpGroup {
    MODP2(2, DHStandardGroups.rfc2409_1024, 160),
    MODP14(14, DHStandardGroups.rfc3526_2048, 225),
    MODP16(16, DHStandardGroups.rfc3526_4096, 320),
    MODP18(18, DHStandardGroups.rfc3526_8192, 400);

    private final int id;
    private final BigInteger p;
    private final BigInteger g;
    private final BigInteger q;
    private final int exponentBits;

    ModpGroup(int id, DHParameters params, int exponentBits) {
        this.id = id;
        this.p = params.getP();
        this.g = params.getG();
        this.q = p.subtract(BigInteger.ONE).shiftRight(1);
        this.exponentBits = exponentBits;
    }

    public int id() {
        return id;
    }

    public BigInteger p() {
        return p;
    }

    public BigInteger g() {
        return g;
    }

    /** (p-1)/2: these are safe-prime groups. */
    public BigInteger q() {
        return q;
    }

    public int bits() {
        return p.bitLength();
    }

    public int exponentBits() {
        return exponentBits;
    }

    /** Byte length of p, the length the shared secret is padded to (RFC 4556 3.2.3.1). */
    public int byteLength() {
        return (bits() + 7) / 8;
    }

    public DhDomainParameters domainParameters() {
        return new DhDomainParameters(p, g, q);
    }

    /** "dh-modp14" and so on, for logs and the audit record. */
    public String describe() {
        return "dh-modp" + id;
    }

    /** The known group with exactly this p and g (q is not compared: clients send it as 0 or omit it). */
    public static Optional<ModpGroup> identify(BigInteger p, BigInteger g) {
        return Arrays.stream(values()).filter(m -> m.p.equals(p) && m.g.equals(g)).findFirst();
    }
}
