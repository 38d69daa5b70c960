package dev.pkinitkdc.pkinit.server;

import java.security.SecureRandom;

/** A client key exchange answered with DHRepInfo (RFC 4556 3.2.3.1): an ephemeral KDC key and a shared secret. */
public interface KeyAgreementExchange extends ClientKeyExchange {
    /** Generate the KDC's ephemeral key and agree Z with the client's (already validated) public value. */
    KdcKeyAgreement agree(SecureRandom random);
}
