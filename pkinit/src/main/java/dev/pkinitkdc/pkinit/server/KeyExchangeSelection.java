package dev.pkinitkdc.pkinit.server;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.asn1.DhPublicValue;
import dev.pkinitkdc.pkinit.asn1.EcPublicValue;
import dev.pkinitkdc.pkinit.asn1.TdDhParameters;
import dev.pkinitkdc.pkinit.kx.DhPublicValueCheck;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import dev.pkinitkdc.pkinit.kx.EcPublicValueCheck;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * RFC 4556 3.2.2 and RFC 5349: which key exchange the AuthPack's clientPublicValue asks for, checked against the
 * {@link KeyExchangePolicy}. An unknown or too weak group or curve is DH_PARAMETERS_NOT_ACCEPTED with
 * TD-DH-PARAMETERS listing what is accepted (the curves only for an EC request, RFC 5349 7); a public value that is
 * not a valid group element or curve point is PREAUTH_FAILED, as MIT answers a bad DH value.
 */
final class KeyExchangeSelection {
    private final KeyExchangePolicy policy;

    KeyExchangeSelection(KeyExchangePolicy policy) {
        this.policy = policy;
    }

    /** @param signer the certificate that signed the AuthPack, the recipient for RSA key transport */
    ClientKeyExchange select(SubjectPublicKeyInfo clientPublicValue, X509Certificate signer) throws KdcFailure {
        if (clientPublicValue == null) {
            return publicKeyEncryption(signer);
        }
        if (DhPublicValue.isDh(clientPublicValue)) {
            return diffieHellman(clientPublicValue);
        }
        if (EcPublicValue.isEc(clientPublicValue)) {
            return ellipticCurve(clientPublicValue);
        }
        throw refused(false, "key agreement " + clientPublicValue.getAlgorithm().getAlgorithm() + " is not supported");
    }

    /** RFC 4556 3.2.3.2: allowed by policy, and only to an RSA key (key transport needs an encryption key). */
    private ClientKeyExchange publicKeyEncryption(X509Certificate signer) throws KdcFailure {
        if (!policy.rsaKeyTransport()) {
            throw new KdcFailure(FailureReason.PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED,
                    "no clientPublicValue and RSA key transport is off ([pkinit] rsa_key_transport = false)");
        }
        if (!"RSA".equals(signer.getPublicKey().getAlgorithm())) {
            throw KdcFailure.shown(FailureReason.PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED,
                    "no clientPublicValue and the client key is " + signer.getPublicKey().getAlgorithm()
                            + ": RSA key transport needs an RSA certificate");
        }
        return new PublicKeyEncryptionExchange(signer);
    }

    private ClientKeyExchange diffieHellman(SubjectPublicKeyInfo spki) throws KdcFailure {
        DhPublicValue value;
        try {
            value = DhPublicValue.decode(spki);
        } catch (IllegalArgumentException e) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "malformed DH clientPublicValue", e);
        }
        ModpGroup group = ModpGroup.identify(value.parameters().p(), value.parameters().g())
                .orElseThrow(() -> refused(false, "unknown DH group of " + value.parameters().p().bitLength()
                        + " bits"));
        if (group.bits() < policy.minDhBits()) {
            throw refused(false, group.describe() + " is smaller than " + policy.minDhBits() + " bits");
        }
        String defect = DhPublicValueCheck.defect(group, value.y(), policy.arithmetic());
        if (defect != null) {
            throw new KdcFailure(FailureReason.PREAUTH_FAILED, defect + " (" + group.describe() + ")");
        }
        return new DiffieHellmanExchange(group, value.y(), policy.arithmetic());
    }

    private ClientKeyExchange ellipticCurve(SubjectPublicKeyInfo spki) throws KdcFailure {
        EcPublicValue value;
        try {
            value = EcPublicValue.decode(spki);
        } catch (IllegalArgumentException e) {
            throw new KdcFailure(FailureReason.MALFORMED_REQUEST, "malformed EC clientPublicValue", e);
        }
        if (value.namedCurve() == null) {
            throw refused(true, "EC parameters are not a namedCurve (RFC 5480 2.1.1)");
        }
        EcCurve curve = EcCurve.forOid(value.namedCurve())
                .orElseThrow(() -> refused(true, "unknown curve " + value.namedCurve()));
        if (curve.bits() < policy.minEcBits()) {
            throw refused(true, curve.describe() + " is smaller than " + policy.minEcBits() + " bits");
        }
        try {
            EcPublicValueCheck.decode(curve, value.point());
        } catch (IllegalArgumentException e) {
            throw new KdcFailure(FailureReason.PREAUTH_FAILED, e.getMessage() + " (" + curve.describe() + ")");
        }
        return new EllipticCurveExchange(curve, value.point());
    }

    /** RFC 4556 3.2.2 / RFC 5349 7: DH_PARAMETERS_NOT_ACCEPTED with TD-DH-PARAMETERS, MODP groups first. */
    private KdcFailure refused(boolean ecRequest, String text) {
        List<ModpGroup> groups = Arrays.stream(ModpGroup.values()).filter(g -> g.bits() >= policy.minDhBits())
                .toList();
        List<EcCurve> curves = ecRequest ? Arrays.stream(EcCurve.values())
                .filter(c -> c.bits() >= policy.minEcBits()).toList() : List.of();
        // the text names only the client's own group or curve: it goes out as e-text
        return KdcFailure.shown(FailureReason.DH_PARAMETERS_NOT_ACCEPTED, text,
                TdDhParameters.typedData(groups.stream().map(ModpGroup::domainParameters).toList(),
                        curves.stream().map(EcCurve::oid).toList()));
    }
}
