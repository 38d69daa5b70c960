package dev.pkinitkdc.revocation.crl;

import java.util.Optional;

/**
 * What became of the delta CRL (RFC 5280 5.2.4) of one complete CRL: none is named (freshestCRL, 4.2.1.15 and
 * 5.2.6) or the one published is older than the complete CRL, so the complete CRL answers alone; one to apply; or
 * one is named that could not be had or used (blocked, failed, stale, not yet issued), which makes the status of
 * a certificate the complete CRL does not list unavailable (6.3.3 (c): the complete CRL alone is not current).
 *
 * @param crl the delta CRL to apply
 * @param unavailable why the named delta CRL could not be used
 */
record DeltaCrl(Optional<HeldCrl> crl, Optional<String> unavailable) {
    static final DeltaCrl NONE = new DeltaCrl(Optional.empty(), Optional.empty());

    static DeltaCrl applied(HeldCrl delta) {
        return new DeltaCrl(Optional.of(delta), Optional.empty());
    }

    static DeltaCrl unavailable(String why) {
        return new DeltaCrl(Optional.empty(), Optional.of(why));
    }
}
