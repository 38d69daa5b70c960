package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.pkinit.asn1.Der;
import dev.pkinitkdc.pkinit.kx.DhKeyPair;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import dev.pkinitkdc.pkinit.kx.ModularExponentiation;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Integer;

/**
 * RFC 4556 3.2.3.1: the client asked for Diffie-Hellman in a known MODP group with public value y, which
 * {@link KeyExchangeSelection} has checked (SP 800-56A 5.6.2.3.1) before making this exchange.
 *
 * <p>The KDC's ephemeral key is chosen so that the shared secret Z has no leading zero octet. RFC 4556 3.2.3.1
 * makes Z exactly as long as p, zeros first; clients that take it as a number instead (Heimdal 7.8's kinit hashes
 * the unpadded length) derive another reply key for the one Z in 256 that starts with a zero, and their logon fails
 * with "Password incorrect". Such a Z is simply not used: another key pair is drawn, on average once in 256
 * replies, and both readings of Z then agree.
 */
public record DiffieHellmanExchange(ModpGroup group, BigInteger clientPublicValue, ModularExponentiation arithmetic)
        implements KeyAgreementExchange {
    @Override
    public String describe() {
        return group.describe();
    }

    /** Draws at most this many key pairs; 8 leading zero octets in a row happen once in 2^64. */
    static final int MAX_DRAWS = 8;

    @Override
    public KdcKeyAgreement agree(SecureRandom random) {
        KdcKeyAgreement agreed = null;
        for (int draw = 0; draw < MAX_DRAWS && (agreed == null || agreed.sharedSecret()[0] == 0); draw++) {
            if (agreed != null) {
                Arrays.fill(agreed.sharedSecret(), (byte) 0);
            }
            DhKeyPair kdcKey = DhKeyPair.generate(group, random, arithmetic);
            agreed = new KdcKeyAgreement(Der.encode(new ASN1Integer(kdcKey.publicValue())),
                    kdcKey.agreeWithChecked(clientPublicValue, arithmetic));
        }
        return agreed;
    }
}
