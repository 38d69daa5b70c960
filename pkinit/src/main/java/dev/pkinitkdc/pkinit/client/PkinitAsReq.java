package dev.pkinitkdc.pkinit.client;

import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * An AS-REQ built by {@link PkinitClient} and the state needed to process its reply. {@link #toString()} does not
 * show the private key.
 *
 * @param encoded the AS-REQ DER, as sent
 * @param keyAgreement the DH or ECDH key pair, or null for RSA key transport
 * @param nonce the KDC-REQ-BODY nonce, which the EncASRepPart echoes
 * @param authenticatorNonce the PKAuthenticator nonce, which KDCDHKeyInfo echoes (RFC 4556 3.2.3.1): the body's
 *        nonce unless the client chose its own ({@link ClientQuirk#INDEPENDENT_AUTHENTICATOR_NONCE})
 * @param clientDhNonce null when not sent
 */
public record PkinitAsReq(byte[] encoded, ClientKeyAgreement keyAgreement, long nonce, long authenticatorNonce,
                          byte[] clientDhNonce, PrincipalName cname, PrincipalName sname, String realm) {
    @Override
    public byte[] encoded() {
        return encoded.clone();
    }

    @Override
    public String toString() {
        return "PkinitAsReq[" + cname + "@" + realm + ", "
                + (keyAgreement == null ? "rsa-key-transport" : keyAgreement.describe()) + "]";
    }
}
