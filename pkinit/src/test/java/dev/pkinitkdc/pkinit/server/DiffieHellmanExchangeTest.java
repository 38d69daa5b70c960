package dev.pkinitkdc.pkinit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.pkinitkdc.pkinit.kx.DhKeyPair;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import dev.pkinitkdc.pkinit.kx.ModularExponentiation;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Integer;
import org.junit.jupiter.api.Test;

/**
 * The KDC's side of RFC 4556 3.2.3.1 Diffie-Hellman: Z is as long as p and never starts with a zero octet, so a
 * client that strips leading zeros (Heimdal 7.8's kinit) derives the same reply key as one that pads.
 */
class DiffieHellmanExchangeTest {
    /** Enough replies that about 8 Z would start with a zero without the redraw; all of them fail then. */
    private static final int REPLIES = 2048;

    @Test
    void noSharedSecretStartsWithAZeroOctetAndTheClientAgrees() {
        SecureRandom random = new SecureRandom();
        ModpGroup group = ModpGroup.MODP2;
        DhKeyPair client = DhKeyPair.generate(group, random);
        DiffieHellmanExchange exchange = new DiffieHellmanExchange(group, client.publicValue(),
                ModularExponentiation.JAVA);
        for (int i = 0; i < REPLIES; i++) {
            KdcKeyAgreement agreed = exchange.agree(random);
            byte[] z = agreed.sharedSecret();
            assertEquals(group.byteLength(), z.length, "RFC 4556 3.2.3.1: Z is as long as p");
            int reply = i;
            assertNotEquals(0, z[0], () -> "reply " + reply + ": Z starts with a zero octet");
            if (i < 4) {
                BigInteger kdcPublic = ASN1Integer.getInstance(agreed.subjectPublicKey()).getValue();
                assertArrayEquals(z, client.agreeWithChecked(kdcPublic), "the client computes the same Z");
            }
        }
    }
}
