package dev.pkinitkdc.pkinit.client;

import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.AuthPack;
import dev.pkinitkdc.pkinit.asn1.DhRepInfo;
import dev.pkinitkdc.pkinit.asn1.KdcDhKeyInfo;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding;
import dev.pkinitkdc.pkinit.asn1.KerberosFlags;
import dev.pkinitkdc.pkinit.asn1.KrbErrorEncoding;
import dev.pkinitkdc.pkinit.asn1.PaChecksum2;
import dev.pkinitkdc.pkinit.asn1.PaDataEncoding;
import dev.pkinitkdc.pkinit.asn1.PaPkAsRep;
import dev.pkinitkdc.pkinit.asn1.PaPkAsReq;
import dev.pkinitkdc.pkinit.asn1.PkAuthenticator;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.asn1.ReplyKeyPack;
import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.cms.CmsEnvelope;
import dev.pkinitkdc.pkinit.cms.CmsSigner;
import dev.pkinitkdc.pkinit.cms.CmsVerifier;
import dev.pkinitkdc.pkinit.cms.VerifiedSignedData;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import dev.pkinitkdc.pkinit.kdf.KdfInput;
import dev.pkinitkdc.pkinit.kdf.OctetString2Key;
import dev.pkinitkdc.pkinit.kdf.ReplyKeyKdf;
import dev.pkinitkdc.pkinit.kdf.Rfc8636Kdf;
import dev.pkinitkdc.pkinit.kx.AsChecksum;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.KrbError;
import org.apache.kerby.kerberos.kerb.type.base.KrbMessage;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.AsRep;
import org.apache.kerby.kerberos.kerb.type.kdc.AsReq;
import org.apache.kerby.kerberos.kerb.type.kdc.EncAsRepPart;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOption;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOptions;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;

/**
 * The project's own RFC 4556 PKINIT client (DH, RFC 5349 ECDH, RSA key transport), sharing the asn1/cms/kx/kdf code with the KDC. Used by tests,
 * the load generator and interop checks.
 */
public final class PkinitClient {
    private final ClientIdentity identity;
    private final List<X509Certificate> kdcTrustAnchors;
    private final PkinitClientOptions options;
    private final Clock clock;
    private final SecureRandom random;
    private final AuthPackSigning signing;

    public PkinitClient(ClientIdentity identity, List<X509Certificate> kdcTrustAnchors, PkinitClientOptions options,
                        Clock clock, SecureRandom random) {
        this(identity, kdcTrustAnchors, options, clock, random, AuthPackSigning.standard());
    }

    private PkinitClient(ClientIdentity identity, List<X509Certificate> kdcTrustAnchors, PkinitClientOptions options,
                         Clock clock, SecureRandom random, AuthPackSigning signing) {
        this.identity = identity;
        this.kdcTrustAnchors = List.copyOf(kdcTrustAnchors);
        this.options = options;
        this.clock = clock;
        this.random = random;
        this.signing = signing;
    }

    /** The same client signing its AuthPacks as {@code signing} says (tests: weak digests, hostile bundles). */
    public PkinitClient withSigning(AuthPackSigning signing) {
        return new PkinitClient(identity, kdcTrustAnchors, options, clock, random, signing);
    }

    /**
     * RFC 4556 3.2.1: an AS-REQ for {@code cname@realm} and krbtgt/realm (NT-SRV-INST), with PA-PK-AS-REQ (16)
     * whose paChecksum covers the KDC-REQ-BODY bytes exactly as they appear in the returned encoding.
     */
    public PkinitAsReq newAsReq(PrincipalName cname, String realm) {
        return newAsReq(cname, realm, AsReqExtensions.none());
    }

    /** {@link #newAsReq(PrincipalName, String)} with a freshness token, paChecksum2 or an OCSP request. */
    public PkinitAsReq newAsReq(PrincipalName cname, String realm, AsReqExtensions extensions) {
        Instant now = clock.instant();
        long nonce = random.nextInt() & 0x7fffffffL; // Kerby holds the nonce as a signed int
        PrincipalName sname = new PrincipalName(List.of("krbtgt", realm), NameType.NT_SRV_INST);
        KdcReqBody body = requestBody(now, nonce, cname, realm, sname);
        byte[] bodyDer = bodyDer(body);

        ClientKeyAgreement agreement = ClientKeyAgreement.start(options.keyExchange(), options.misbehaviours(),
                random);
        byte[] clientDhNonce = null;
        if (agreement != null && options.sendClientDhNonce()) {
            clientDhNonce = new byte[32];
            random.nextBytes(clientDhNonce);
        }
        // RFC 4556 3.2.1: the PKAuthenticator nonce "does not need to match" the body's; AD tools pick their own
        long authNonce = options.quirks().contains(ClientQuirk.INDEPENDENT_AUTHENTICATOR_NONCE)
                ? otherNonce(nonce) : nonce;
        byte[] signedAuthPack = signedAuthPack(authPack(now, authNonce, bodyDer, agreement, clientDhNonce,
                extensions));

        PaData paData = new PaData();
        paData.addElement(new PaDataEntry(PaDataType.PK_AS_REQ, new PaPkAsReq(signedAuthPack, null, null).encode()));
        if (extensions.requestOcspStaple()) {
            // RFC 4557 3: an empty PA-PK-OCSP-RESPONSE asks the KDC for an OCSP response about its certificate
            paData.addElement(PaDataEncoding.entry(PaDataEncoding.PA_PK_OCSP_RESPONSE, new byte[0]));
        }
        byte[] encoded = asReq(body, paData, bodyDer);
        return new PkinitAsReq(encoded, agreement, nonce, authNonce, clientDhNonce, cname, sname, realm);
    }

    /**
     * RFC 8070 4: an AS-REQ without PA-PK-AS-REQ carrying an empty PA-AS-FRESHNESS, which asks the KDC to put a
     * freshness token in its KDC_ERR_PREAUTH_REQUIRED (read it with {@link #freshnessToken(byte[])}).
     */
    public byte[] freshnessRequest(PrincipalName cname, String realm) {
        Instant now = clock.instant();
        KdcReqBody body = requestBody(now, random.nextInt() & 0x7fffffffL, cname, realm,
                new PrincipalName(List.of("krbtgt", realm), NameType.NT_SRV_INST));
        PaData paData = new PaData();
        paData.addElement(PaDataEncoding.entry(PaDataEncoding.PA_AS_FRESHNESS, new byte[0]));
        return asReq(body, paData, bodyDer(body));
    }

    /** RFC 8070 4: the token of the PA-AS-FRESHNESS in the METHOD-DATA of a KRB-ERROR reply, if there is one. */
    public static Optional<byte[]> freshnessToken(byte[] reply) {
        try {
            if (!(KrbCodec.decodeMessage(ByteBuffer.wrap(reply)) instanceof KrbError error)
                    || error.getEdata() == null) {
                return Optional.empty();
            }
            return PaDataEncoding.decodeSequence(error.getEdata()).stream()
                    .filter(p -> p.type() == PaDataEncoding.PA_AS_FRESHNESS && p.value().length > 0)
                    .map(KdcReqEncoding.PaDataItem::value).findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private KdcReqBody requestBody(Instant now, long nonce, PrincipalName cname, String realm, PrincipalName sname) {
        KdcReqBody body = Enctypes.newReqBody(options.enctypes());
        KdcOptions kdcOptions = new KdcOptions();
        if (options.quirks().contains(ClientQuirk.SHORT_KERBEROS_FLAGS)) {
            kdcOptions.setFlag(KdcOption.FORWARDABLE); // as those tools ask, so the KDC has a flag to read
        }
        body.setKdcOptions(kdcOptions);
        body.setCname(cname);
        body.setRealm(realm);
        body.setSname(sname);
        body.setTill(new KerberosTime(now.plus(options.ticketLifetime()).toEpochMilli()));
        body.setNonce((int) nonce);
        return body;
    }

    /** The KDC-REQ-BODY as sent: Kerby's encoding, its kdc-options made short when imitating asn1crypto. */
    private byte[] bodyDer(KdcReqBody body) {
        byte[] der = encode(body);
        if (!options.quirks().contains(ClientQuirk.SHORT_KERBEROS_FLAGS)) {
            return der;
        }
        byte[] minimal = KerberosFlags.decode(KdcReqEncoding.kdcOptions(der)).encodeMinimal();
        return KdcReqEncoding.withKdcOptions(der, minimal);
    }

    /** The AS-REQ carrying {@code bodyDer} exactly (Kerby encodes the rest). */
    private static byte[] asReq(KdcReqBody body, PaData paData, byte[] bodyDer) {
        AsReq asReq = new AsReq();
        asReq.setReqBody(body);
        asReq.setPaData(paData);
        byte[] encoded = encode(asReq);
        // the body the paChecksum covers, byte for byte, whatever Kerby made of it
        return Arrays.equals(KdcReqEncoding.reqBody(encoded), bodyDer) ? encoded
                : KdcReqEncoding.withReqBody(encoded, bodyDer);
    }

    /** A random UInt32 other than {@code nonce}. */
    private long otherNonce(long nonce) {
        long other = random.nextInt() & 0xffffffffL;
        return other == nonce ? (nonce + 1) & 0xffffffffL : other;
    }

    private AuthPack authPack(Instant now, long authNonce, byte[] bodyDer, ClientKeyAgreement agreement,
                              byte[] clientDhNonce, AsReqExtensions extensions) {
        var faults = options.misbehaviours();
        byte[] checksum = faults.contains(Misbehaviour.OMIT_PA_CHECKSUM) ? null
                : digest("SHA-1", faults.contains(Misbehaviour.WRONG_PA_CHECKSUM) ? changed(bodyDer) : bodyDer);
        PaChecksum2 checksum2 = null;
        if (extensions.paChecksum2Digest() != null) {
            // [MS-PKCA] 2.2.3: the req-body digest again, with the algorithm named
            String name = extensions.paChecksum2Digest();
            checksum2 = new PaChecksum2(digest(name, faults.contains(Misbehaviour.WRONG_PA_CHECKSUM2)
                    ? changed(bodyDer) : bodyDer), new DefaultDigestAlgorithmIdentifierFinder().find(name));
        }
        var auth = new PkAuthenticator(now.getNano() / 1000, now, authNonce, checksum, extensions.freshnessToken(),
                checksum2);
        var spki = agreement == null ? null : agreement.clientPublicValue();
        List<ASN1ObjectIdentifier> kdfs = options.kdfs().isEmpty() ? null
                : options.kdfs().stream().map(Rfc8636Kdf::identifier).toList();
        return new AuthPack(auth, spki, null, clientDhNonce, kdfs);
    }

    private static byte[] changed(byte[] bodyDer) {
        return Arrays.copyOf(bodyDer, bodyDer.length + 1);
    }

    private byte[] signedAuthPack(AuthPack authPack) {
        List<X509Certificate> certificates = new ArrayList<>(identity.chain());
        certificates.addAll(signing.extraCertificates());
        String algorithm = signing.signatureAlgorithm() != null ? signing.signatureAlgorithm()
                : CmsSigner.signatureAlgorithm(identity.privateKey());
        byte[] signed = signing.signedDataRewrite().apply(CmsSigner.sign(signing.eContentType(),
                signing.contentRewrite().apply(authPack.encode()), identity.privateKey(), identity.certificate(),
                certificates, algorithm, signing.signedAttributes()));
        if (options.misbehaviours().contains(Misbehaviour.UNSIGNED)) {
            return SignatureTamper.withoutSigners(signed);
        }
        return options.misbehaviours().contains(Misbehaviour.TAMPER_SIGNATURE)
                ? SignatureTamper.flipSignatureBit(signed) : signed;
    }

    /**
     * RFC 4556 3.2.4: a KRB-ERROR is returned as such; an AS-REP must carry a PA-PK-AS-REP whose KDCDHKeyInfo is
     * signed by a KDC certificate chaining to the anchors and echoes the nonce; the reply key is derived with the
     * KDF the KDC named and decrypts the enc-part (key usage 3).
     */
    public AsExchangeResult processReply(PkinitAsReq request, byte[] reply) throws PkinitClientException {
        KrbMessage message;
        try {
            message = KrbCodec.decodeMessage(ByteBuffer.wrap(reply));
        } catch (Exception e) {
            throw new PkinitClientException("reply does not decode", e);
        }
        if (message instanceof KrbError err) {
            return new AsExchangeResult.Error(KrbErrorEncoding.errorCode(reply).orElse(-1), err.getEtext(),
                    err.getEdata());
        }
        if (!(message instanceof AsRep asRep)) {
            throw new PkinitClientException("reply is neither AS-REP nor KRB-ERROR: " + message.getMsgType());
        }
        PaDataEntry entry = asRep.getPaData() == null ? null : asRep.getPaData().findEntry(PaDataType.PK_AS_REP);
        if (entry == null) {
            throw new PkinitClientException("AS-REP without PA-PK-AS-REP");
        }
        byte[] paPkAsRepDer = entry.getPaDataValue();
        PaPkAsRep rep;
        try {
            rep = PaPkAsRep.decode(paPkAsRepDer);
        } catch (IllegalArgumentException e) {
            throw new PkinitClientException("malformed PA-PK-AS-REP", e);
        }
        EncryptionKey replyKey;
        String kdfName;
        if (rep.dhInfo() != null) {
            ReplyKeyKdf kdf = kdfNamedBy(rep.dhInfo());
            replyKey = agreedReplyKey(request, rep.dhInfo(), kdf, asRep, paPkAsRepDer);
            kdfName = kdf.kdfName();
        } else {
            replyKey = transportedReplyKey(request, rep.encKeyPack());
            kdfName = ReplyKeyPack.KDF_NAME;
        }
        EncAsRepPart encPart = decryptEncPart(asRep, replyKey);
        if ((encPart.getNonce() & 0xffffffffL) != request.nonce()) {
            throw new PkinitClientException("EncAsRepPart nonce does not match the request");
        }
        return new AsExchangeResult.Success(asRep.getTicket(), encPart.getKey(), encPart, replyKey, kdfName,
                stapledOcspResponse(reply));
    }

    /**
     * RFC 4556 3.2.4 / RFC 5349: KDCDHKeyInfo signed by the KDC, echoing the nonce; its public key is checked
     * (range and subgroup, or on the curve) before Z is agreed and the reply key derived.
     */
    private EncryptionKey agreedReplyKey(PkinitAsReq request, DhRepInfo dhInfo, ReplyKeyKdf kdf, AsRep asRep,
                                         byte[] paPkAsRepDer) throws PkinitClientException {
        if (request.keyAgreement() == null) {
            throw new PkinitClientException("KDC answered with DHRepInfo to a request without clientPublicValue");
        }
        KdcDhKeyInfo keyInfo;
        try {
            keyInfo = KdcDhKeyInfo.decode(kdcSigned(dhInfo.dhSignedData(), PkinitOids.DH_KEY_DATA).content());
        } catch (IllegalArgumentException e) {
            throw new PkinitClientException("malformed KDCDHKeyInfo", e);
        }
        if (keyInfo.nonce() != request.authenticatorNonce()) {
            throw new PkinitClientException("KDCDHKeyInfo nonce is not the PKAuthenticator's");
        }
        byte[] z;
        try {
            z = request.keyAgreement().agree(keyInfo.subjectPublicKey());
        } catch (IllegalArgumentException e) {
            throw new PkinitClientException("KDC public key rejected: " + e.getMessage(), e);
        }
        try {
            return kdf.deriveKey(new KdfInput(z, request.clientDhNonce(), dhInfo.serverDhNonce(),
                    replyEnctype(asRep), principal(request.cname(), request.realm()),
                    principal(request.sname(), request.realm()), request.encoded(), paPkAsRepDer));
        } finally {
            Arrays.fill(z, (byte) 0);
        }
    }

    /** RFC 4557 3: the KDC's OCSP response in the AS-REP's PA-PK-OCSP-RESPONSE, or null when it sent none. */
    private static byte[] stapledOcspResponse(byte[] asRep) throws PkinitClientException {
        try {
            return PaDataEncoding.asRepPaData(asRep).stream()
                    .filter(p -> p.type() == PaDataEncoding.PA_PK_OCSP_RESPONSE && p.value().length > 0)
                    .map(KdcReqEncoding.PaDataItem::value).findFirst().orElse(null);
        } catch (IllegalArgumentException e) {
            throw new PkinitClientException("AS-REP padata does not decode", e);
        }
    }

    /**
     * RFC 4556 3.2.4 for encKeyPack: decrypt the EnvelopedData with our key, verify the KDC's SignedData of
     * ReplyKeyPack, and check asChecksum against the AS-REQ we sent.
     */
    private EncryptionKey transportedReplyKey(PkinitAsReq request, byte[] encKeyPack) throws PkinitClientException {
        if (request.keyAgreement() != null) {
            throw new PkinitClientException("KDC answered with encKeyPack to a DH/ECDH request");
        }
        ReplyKeyPack pack;
        try {
            CmsEnvelope.Opened opened = CmsEnvelope.open(encKeyPack, identity.privateKey());
            if (!CMSObjectIdentifiers.signedData.equals(opened.contentType())) {
                throw new PkinitClientException("encKeyPack content is " + opened.contentType() + ", not SignedData");
            }
            pack = ReplyKeyPack.decode(kdcSigned(opened.content(), PkinitOids.RKEY_DATA).content());
        } catch (IllegalArgumentException e) {
            throw new PkinitClientException("encKeyPack rejected: " + e.getMessage(), e);
        }
        if (!AsChecksum.verify(pack.asChecksum(), pack.replyKey(), request.encoded())) {
            throw new PkinitClientException("ReplyKeyPack asChecksum does not match the AS-REQ");
        }
        return pack.replyKey();
    }

    /** The KDC's SignedData, verified, its signer chaining to the anchors. */
    private VerifiedSignedData kdcSigned(byte[] signedData, ASN1ObjectIdentifier type) throws PkinitClientException {
        VerifiedSignedData signed;
        try {
            signed = CmsVerifier.verify(signedData, type);
        } catch (KdcFailure f) {
            throw new PkinitClientException("KDC SignedData rejected: " + f.getMessage(), f);
        }
        KdcCertificatePath.validate(signed.signer(), signed.certificates(), kdcTrustAnchors);
        return signed;
    }

    /** RFC 8636 4: no kdf means octetstring2key; a kdf we did not offer is refused. */
    private ReplyKeyKdf kdfNamedBy(DhRepInfo dhInfo) throws PkinitClientException {
        if (dhInfo.kdf() == null) {
            return OctetString2Key.INSTANCE;
        }
        return Rfc8636Kdf.forOid(dhInfo.kdf()).filter(options.kdfs()::contains)
                .orElseThrow(() -> new PkinitClientException("KDC chose a KDF we did not offer: " + dhInfo.kdf()));
    }

    /** RFC 4120 3.1.3: the KDC picks the reply enctype from our list; one we did not ask for is refused. */
    private Enctype replyEnctype(AsRep asRep) throws PkinitClientException {
        try {
            Enctype enctype = Enctypes.of(asRep.getEncryptedEncPart());
            if (!options.enctypes().contains(enctype)) {
                throw new PkinitClientException("KDC chose an enctype we did not offer: " + enctype);
            }
            return enctype;
        } catch (KrbException e) {
            throw new PkinitClientException("AS-REP enc-part in an unsupported enctype", e);
        }
    }

    /** DER tags of EncASRepPart ([APPLICATION 25]) and EncTGSRepPart ([APPLICATION 26]), constructed. */
    private static final byte ENC_AS_REP_PART_TAG = 0x79;
    private static final byte ENC_TGS_REP_PART_TAG = 0x7A;

    private static EncAsRepPart decryptEncPart(AsRep asRep, EncryptionKey replyKey) throws PkinitClientException {
        byte[] plain;
        try {
            plain = Enctypes.decrypt(asRep.getEncryptedEncPart(), replyKey, KeyUsage.AS_REP_ENCPART);
        } catch (Exception e) {
            throw new PkinitClientException("cannot decrypt the AS-REP enc-part with the PKINIT reply key", e);
        }
        // RFC 4120 5.4.2: some KDCs (MIT krb5 among them) send an EncTGSRepPart here; its body is the same
        // EncKDCRepPart, so the tag check is relaxed as the RFC allows
        if (plain.length > 0 && plain[0] == ENC_TGS_REP_PART_TAG) {
            plain[0] = ENC_AS_REP_PART_TAG;
        }
        try {
            EncAsRepPart part = new EncAsRepPart();
            part.decode(plain);
            return part;
        } catch (Exception e) {
            throw new PkinitClientException("the decrypted AS-REP enc-part is not an EncKDCRepPart", e);
        }
    }

    private static KerberosPrincipalName principal(PrincipalName name, String realm) {
        return new KerberosPrincipalName(realm, name.getNameType().getValue(), name.getNameStrings());
    }

    private static byte[] encode(org.apache.kerby.asn1.type.Asn1Type value) {
        try {
            return KrbCodec.encode(value);
        } catch (KrbException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
