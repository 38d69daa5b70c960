package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.pkinit.asn1.Der;
import dev.pkinitkdc.pkinit.kx.DhKeyPair;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import dev.pkinitkdc.pkinit.kx.ModularExponentiation;
import java.math.BigInteger;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1Integer;

/**
 * RFC 4556 3.2.3.1: the client asked for Diffie-Hellman in a known MODP group with public value y, which
 * {@link KeyExchangeSelection} has checked (SP 800-56A 5.6.2.3.1) before making this exchange.
 */
public record DiffieHellmanExchange(ModpGroup group, BigInteger clientPublicValue, ModularExponentiation arithmetic)
        implements KeyAgreementExchange {
    @Override
    public String describe() {
        return group.describe();
    }

    @Override
    public KdcKeyAgreement agree(SecureRandom random) {
        DhKeyPair kdcKey = DhKeyPair.generate(group, random, arithmetic);
        return new KdcKeyAgreement(Der.encode(new ASN1Integer(kdcKey.publicValue())),
                kdcKey.agreeWithChecked(clientPublicValue, arithmetic));
    }
}
