package dev.pkinitkdc.pkinit.client;

import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.kdc.EncAsRepPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;

/** What the KDC answered: a KRB-ERROR, or an AS-REP whose PKINIT reply verified and decrypted. */
public sealed interface AsExchangeResult {

    /** RFC 4120 5.9.1 KRB-ERROR. */
    record Error(int errorCode, String eText, byte[] eData) implements AsExchangeResult {
    }

    /**
     * @param replyKey the AS reply key (RFC 4556 3.2.3.1); never log it
     * @param kdf "octetstring2key" or "id-pkinit-kdf-..." as named by the KDC, or "none (encKeyPack)" for RSA key
     *        transport
     * @param stapledOcspResponse the DER OCSPResponse of the AS-REP's PA-PK-OCSP-RESPONSE (RFC 4557 3), or null
     */
    record Success(Ticket ticket, EncryptionKey sessionKey, EncAsRepPart encPart, EncryptionKey replyKey, String kdf,
                   byte[] stapledOcspResponse)
            implements AsExchangeResult {
        /** The enctype of the reply key, which is also the session key's (RFC 4120 3.1.3). */
        public Enctype enctype() {
            try {
                return Enctypes.of(replyKey);
            } catch (KrbException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return "Success[kdf=" + kdf + ", etype=" + enctype() + "]";
        }
    }
}
