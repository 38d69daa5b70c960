package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.pkinit.kx.ModpGroup;
import java.math.BigInteger;

/** RFC 4556 3.2.3.1: the client asked for Diffie-Hellman in a known MODP group with public value y. */
public record DiffieHellmanExchange(ModpGroup group, BigInteger clientPublicValue) implements ClientKeyExchange {
    @Override
    public String describe() {
        return group.describe();
    }
}
