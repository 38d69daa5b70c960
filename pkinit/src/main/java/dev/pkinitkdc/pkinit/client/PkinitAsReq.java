package dev.pkinitkdc.pkinit.client;

import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * An AS-REQ built by {@link PkinitClient} and the state needed to process its reply. {@link #toString()} does not
 * show the private key.
 *
 * @param encoded the AS-REQ DER, as sent
 * @param keyAgreement the DH or ECDH key pair, or null for RSA key transport
 * @param nonce the KDC-REQ-BODY nonce (also the PKAuthenticator nonce unless a test broke it)
 * @param clientDhNonce null when not sent
 */
public record PkinitAsReq(byte[] encoded, ClientKeyAgreement keyAgreement, long nonce, byte[] clientDhNonce,
                          PrincipalName cname, PrincipalName sname, String realm) {
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
