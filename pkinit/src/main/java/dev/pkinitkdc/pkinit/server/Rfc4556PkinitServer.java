package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.KdcIdentity;
import dev.pkinitkdc.pkinit.asn1.AuthPack;
import dev.pkinitkdc.pkinit.asn1.DhRepInfo;
import dev.pkinitkdc.pkinit.asn1.KdcDhKeyInfo;
import dev.pkinitkdc.pkinit.asn1.PaPkAsRep;
import dev.pkinitkdc.pkinit.asn1.PaPkAsReq;
import dev.pkinitkdc.pkinit.asn1.PkAuthenticator;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.asn1.TlvScan;
import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.cms.CmsSigner;
import dev.pkinitkdc.pkinit.cms.CmsVerifier;
import dev.pkinitkdc.pkinit.cms.VerifiedSignedData;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.kdf.KdfInput;
import dev.pkinitkdc.pkinit.kdf.ReplyKeyKdf;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * The KDC side of RFC 4556: Diffie-Hellman (MODP) and RFC 5349 ECDH key agreement with RFC 8636 KDF negotiation,
 * and RSA key transport (encKeyPack).
 */
public final class Rfc4556PkinitServer implements PkinitServer {
    /** serverDHNonce length when the client sent a clientDHNonce (Windows sends 32 bytes). */
    private static final int SERVER_DH_NONCE_LENGTH = 32;

    private final Supplier<KdcIdentity> identity;
    private final PkinitPolicy policy;
    private final Clock clock;
    private final SecureRandom random;
    private final KeyExchangeSelection keyExchanges;

    public Rfc4556PkinitServer(KdcIdentity identity, PkinitPolicy policy, Clock clock, SecureRandom random) {
        this(() -> identity, policy, clock, random);
    }

    /**
     * @param identity the KDC's current signing identity, read once per reply, so a certificate replaced while a
     *        request is in flight never mixes the old key with the new certificate
     */
    public Rfc4556PkinitServer(Supplier<KdcIdentity> identity, PkinitPolicy policy, Clock clock, SecureRandom random) {
        this.identity = identity;
        this.policy = policy;
        this.clock = clock;
        this.random = random;
        this.keyExchanges = new KeyExchangeSelection(policy.keyExchange());
    }

    @Override
    public VerifiedPkAsReq verify(byte[] paPkAsReq, byte[] reqBodyDer) throws KdcFailure {
        // RFC 4556 appendix A: PA-PK-AS-REQ and AuthPack are DER; the SignedData between them may be BER
        byte[] paPkAsReqDer = der(paPkAsReq, "PA-PK-AS-REQ");
        PaPkAsReq req = decode(() -> PaPkAsReq.decode(paPkAsReqDer), "PA-PK-AS-REQ");
        VerifiedSignedData signed = CmsVerifier.verify(req.signedAuthPack(), PkinitOids.AUTH_DATA,
                policy.signatureVerification(), policy.signedData());
        byte[] authPackDer = der(signed.content(), "AuthPack");
        AuthPack authPack = decode(() -> AuthPack.decode(authPackDer), "AuthPack");
        PkAuthenticator auth = authPack.pkAuthenticator();
        PaChecksums.check(auth, reqBodyDer, policy.requirePaChecksum2());
        // RFC 4556 3.2.1: the PKAuthenticator nonce "does not need to match with the nonce in the KDC-REQ-BODY"
        // (AD-oriented tools choose it apart); the paChecksum above binds this AuthPack to the body, nonce included,
        // and the reply's KDCDHKeyInfo echoes the PKAuthenticator's nonce (3.2.3.1)
        checkClock(auth.clientTime());
        ClientKeyExchange kx = keyExchanges.select(authPack.clientPublicValue(), signed.signer());
        return new VerifiedPkAsReq(signed.signer(), signed.certificates(), auth.ctime(), auth.cusec(), auth.nonce(),
                kx, authPack.supportedKdfs() == null ? List.of()
                        : authPack.supportedKdfs().stream().map(ASN1ObjectIdentifier::getId).toList(),
                authPack.clientDhNonce(), auth.freshnessToken(), PaChecksums.digest("SHA-256", signed.content()));
    }

    @Override
    public PkinitReply reply(VerifiedPkAsReq request, Enctype enctype, byte[] asReqDer,
                             PrincipalName client, PrincipalName tgs) throws KdcFailure {
        if (request.keyExchange() instanceof PublicKeyEncryptionExchange pk) {
            try {
                return EncKeyPackReply.create(pk, identity.get(), enctype, asReqDer);
            } catch (IllegalArgumentException e) {
                throw new KdcFailure(FailureReason.ENCTYPE_NOT_SUPPORTED, "cannot make an encKeyPack for " + enctype
                        + ": " + e.getMessage(), e);
            }
        }
        KdcKeyAgreement agreed = ((KeyAgreementExchange) request.keyExchange()).agree(random);
        byte[] z = agreed.sharedSecret();
        try {
            byte[] clientNonce = request.clientDhNonce();
            byte[] serverNonce = null;
            Instant keyExpiration = null;
            if (clientNonce != null && clientNonce.length > 0) {
                // RFC 4556 3.2.3.1: a client that sends clientDHNonce gets a serverDHNonce back, and serverDHNonce
                // is "present if and only if dhKeyExpiration is present" (Heimdal refuses one without the other).
                // Our key pair is used for this reply only, so it expires now.
                serverNonce = new byte[SERVER_DH_NONCE_LENGTH];
                random.nextBytes(serverNonce);
                keyExpiration = clock.instant();
            }
            ReplyKeyKdf kdf = KdfSelection.choose(request.supportedKdfs());
            // RFC 4556 3.2.3.1: KDCDHKeyInfo is signed with eContentType id-pkinit-DHKeyData
            byte[] keyInfo = new KdcDhKeyInfo(agreed.subjectPublicKey(), request.nonce(), keyExpiration).encode();
            KdcIdentity signer = identity.get();
            byte[] signed = CmsSigner.sign(PkinitOids.DH_KEY_DATA, keyInfo, signer.privateKey(),
                    signer.certificate(), signer.chain());
            byte[] paPkAsRep = PaPkAsRep.dh(new DhRepInfo(signed, serverNonce, kdf.oid().orElse(null))).encode();
            EncryptionKey replyKey = kdf.deriveKey(new KdfInput(z, clientNonce, serverNonce, enctype,
                    principal(client), principal(tgs), asReqDer, paPkAsRep));
            return new PkinitReply(paPkAsRep, replyKey, kdf.kdfName());
        } catch (IllegalArgumentException e) {
            throw new KdcFailure(FailureReason.ENCTYPE_NOT_SUPPORTED, "cannot derive a key for " + enctype, e);
        } finally {
            Arrays.fill(z, (byte) 0);
        }
    }

    private void checkClock(Instant clientTime) throws KdcFailure {
        Duration skew = Duration.between(clientTime, clock.instant()).abs();
        if (skew.compareTo(policy.maxClockSkew()) > 0) {
            throw new KdcFailure(FailureReason.CLOCK_SKEW, "PKAuthenticator ctime is " + skew.toSeconds()
                    + "s from the KDC clock");
        }
    }

    private static KerberosPrincipalName principal(PrincipalName name) throws KdcFailure {
        if (name.getRealm() == null) {
            throw new KdcFailure(FailureReason.INTERNAL_ERROR, "principal without realm: " + name.getName());
        }
        return new KerberosPrincipalName(name.getRealm(), name.getNameType().getValue(), name.getNameStrings());
    }

    /** Bounded and DER before Bouncy Castle's recursive parser sees it; the scan's reason is the e-text. */
    private static byte[] der(byte[] encoding, String what) throws KdcFailure {
        try {
            TlvScan.check(encoding, TlvScan.Limits.DER);
            return encoding;
        } catch (IllegalArgumentException e) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, what + ": " + e.getMessage(), e);
        }
    }

    private interface Decoder<T> {
        T decode();
    }

    private static <T> T decode(Decoder<T> decoder, String what) throws KdcFailure {
        try {
            return decoder.decode();
        } catch (IllegalArgumentException e) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "malformed " + what, e);
        }
    }
}
