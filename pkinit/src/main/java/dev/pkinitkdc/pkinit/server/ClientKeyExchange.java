package dev.pkinitkdc.pkinit.server;

/**
 * How the client asked to agree the reply key (RFC 4556 3.2.1): Diffie-Hellman with its clientPublicValue,
 * or public-key encryption when clientPublicValue is absent. Implementations are values.
 */
public interface ClientKeyExchange {
    /** Short name for logs and the audit record, e.g. "dh-modp14" (never key material). */
    String describe();
}
