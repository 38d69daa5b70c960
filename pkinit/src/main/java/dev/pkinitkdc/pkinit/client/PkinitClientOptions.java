package dev.pkinitkdc.pkinit.client;

import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.kdf.Rfc8636Kdf;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * @param keyExchange DH group, ECDH curve, or RSA key transport
 * @param kdfs supportedKDFs in preference order; empty means none offered (octetstring2key)
 * @param enctypes etypes of the request, preferred first
 * @param sendClientDhNonce include a 32-byte clientDHNonce (RFC 4556 3.2.3.1)
 * @param ticketLifetime till = now + lifetime
 * @param misbehaviours faults to inject, for tests
 * @param quirks what AD-oriented tools send, to imitate them
 */
public record PkinitClientOptions(KeyExchangeChoice keyExchange, List<Rfc8636Kdf> kdfs,
                                  List<Enctype> enctypes, boolean sendClientDhNonce, Duration ticketLifetime,
                                  Set<Misbehaviour> misbehaviours, Set<ClientQuirk> quirks) {
    public PkinitClientOptions {
        kdfs = List.copyOf(kdfs);
        enctypes = List.copyOf(enctypes);
        misbehaviours = misbehaviours.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(misbehaviours));
        quirks = Set.copyOf(quirks);
    }

    public PkinitClientOptions(KeyExchangeChoice keyExchange, List<Rfc8636Kdf> kdfs, List<Enctype> enctypes,
                               boolean sendClientDhNonce, Duration ticketLifetime, Set<Misbehaviour> misbehaviours) {
        this(keyExchange, kdfs, enctypes, sendClientDhNonce, ticketLifetime, misbehaviours, Set.of());
    }

    /** The same options, also sending as AD-oriented tools do in {@code quirk}. */
    public PkinitClientOptions withQuirk(ClientQuirk quirk) {
        Set<ClientQuirk> s = EnumSet.noneOf(ClientQuirk.class);
        s.addAll(quirks);
        s.add(quirk);
        return new PkinitClientOptions(keyExchange, kdfs, enctypes, sendClientDhNonce, ticketLifetime, misbehaviours,
                s);
    }

    /** MODP group 14; KDFs sha256, sha1, sha512 (as MIT kinit offers); aes256-cts, aes128-cts. */
    public static PkinitClientOptions defaults() {
        return new PkinitClientOptions(new KeyExchangeChoice.Dh(ModpGroup.MODP14),
                List.of(Rfc8636Kdf.SHA256, Rfc8636Kdf.SHA1, Rfc8636Kdf.SHA512),
                List.of(Enctype.AES256_CTS_HMAC_SHA1_96, Enctype.AES128_CTS_HMAC_SHA1_96), false,
                Duration.ofHours(10), Set.of());
    }

    public PkinitClientOptions withKeyExchange(KeyExchangeChoice k) {
        return new PkinitClientOptions(k, kdfs, enctypes, sendClientDhNonce, ticketLifetime, misbehaviours, quirks);
    }

    /** Diffie-Hellman in MODP group {@code g}. */
    public PkinitClientOptions withGroup(ModpGroup g) {
        return withKeyExchange(new KeyExchangeChoice.Dh(g));
    }

    /** ECDH on {@code c} (RFC 5349). */
    public PkinitClientOptions withCurve(EcCurve c) {
        return withKeyExchange(new KeyExchangeChoice.Ecdh(c));
    }

    /** RSA key transport: no clientPublicValue (RFC 4556 3.2.3.2). */
    public PkinitClientOptions withRsaKeyTransport() {
        return withKeyExchange(new KeyExchangeChoice.RsaKeyTransport());
    }

    public PkinitClientOptions withKdfs(List<Rfc8636Kdf> k) {
        return new PkinitClientOptions(keyExchange, k, enctypes, sendClientDhNonce, ticketLifetime, misbehaviours,
                quirks);
    }

    public PkinitClientOptions withEnctypes(List<Enctype> e) {
        return new PkinitClientOptions(keyExchange, kdfs, e, sendClientDhNonce, ticketLifetime, misbehaviours,
                quirks);
    }

    public PkinitClientOptions withClientDhNonce(boolean send) {
        return new PkinitClientOptions(keyExchange, kdfs, enctypes, send, ticketLifetime, misbehaviours, quirks);
    }

    public PkinitClientOptions withMisbehaviour(Misbehaviour m) {
        EnumSet<Misbehaviour> s = misbehaviours.isEmpty() ? EnumSet.noneOf(Misbehaviour.class)
                : EnumSet.copyOf(misbehaviours);
        s.add(m);
        return new PkinitClientOptions(keyExchange, kdfs, enctypes, sendClientDhNonce, ticketLifetime, s, quirks);
    }

    /** till = now + {@code lifetime}; a negative one asks for a ticket that ended already. */
    public PkinitClientOptions withTicketLifetime(Duration lifetime) {
        return new PkinitClientOptions(keyExchange, kdfs, enctypes, sendClientDhNonce, lifetime, misbehaviours,
                quirks);
    }
}
