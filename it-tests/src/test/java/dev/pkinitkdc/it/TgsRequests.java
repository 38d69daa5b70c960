package dev.pkinitkdc.it;

import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.ap.ApOptions;
import org.apache.kerby.kerberos.kerb.type.ap.ApReq;
import org.apache.kerby.kerberos.kerb.type.ap.Authenticator;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOptions;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.apache.kerby.kerberos.kerb.type.kdc.TgsReq;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;

/**
 * TGS-REQs built on the test side as an attacker would (RFC 4120 5.4.1, 5.5.1): a TGT and its session key, an
 * authenticator whose checksum covers one body while another may be sent, extra padata to make a replay's bytes
 * differ from the original.
 */
final class TgsRequests {
    private TgsRequests() {
    }

    /** A KDC-REQ-BODY asking for {@code service} (components) in {@code realm}, ending in an hour. */
    static KdcReqBody body(String realm, List<String> service, int nonce) {
        KdcReqBody body = Enctypes.newReqBody(List.of(Enctype.AES256_CTS_HMAC_SHA1_96,
                Enctype.AES128_CTS_HMAC_SHA1_96));
        body.setKdcOptions(new KdcOptions());
        body.setRealm(realm);
        PrincipalName sname = new PrincipalName(service, NameType.NT_SRV_HST);
        body.setSname(sname);
        body.setTill(new KerberosTime(System.currentTimeMillis() + 3_600_000L));
        body.setNonce(nonce);
        return body;
    }

    /**
     * An authenticator for {@code client@realm} under {@code sessionKey}, whose checksum (key usage 6) covers
     * {@code checksummed}.
     */
    static Authenticator authenticator(String realm, String client, EncryptionKey sessionKey, KdcReqBody checksummed)
            throws KrbException {
        Authenticator a = new Authenticator();
        a.setAuthenticatorVno(5);
        a.setCrealm(realm);
        a.setCname(new PrincipalName(List.of(client), NameType.NT_PRINCIPAL));
        a.setCksum(Enctypes.checksum(sessionKey, KeyUsage.TGS_REQ_AUTH_CKSUM, KrbCodec.encode(checksummed)));
        long now = System.currentTimeMillis();
        a.setCtime(new KerberosTime(now / 1000 * 1000));
        a.setCusec((int) (now % 1000) * 1000);
        return a;
    }

    /** The TGS-REQ carrying {@code ticket} and {@code authenticator} (key usage 7). */
    static byte[] encode(KdcReqBody body, Ticket ticket, Authenticator authenticator, EncryptionKey sessionKey)
            throws KrbException {
        return encode(body, ticket, Enctypes.encrypt(KrbCodec.encode(authenticator), sessionKey,
                KeyUsage.TGS_REQ_AUTH));
    }

    /** The TGS-REQ carrying {@code ticket} and the encrypted authenticator, with {@code extraPadata}. */
    static byte[] encode(KdcReqBody body, Ticket ticket, EncryptedData authenticator, PaDataEntry... extraPadata)
            throws KrbException {
        ApReq apReq = new ApReq();
        apReq.setApOptions(new ApOptions());
        apReq.setTicket(ticket);
        apReq.setEncryptedAuthenticator(authenticator);
        PaData padata = new PaData();
        PaDataEntry tgsReq = new PaDataEntry();
        tgsReq.setPaDataType(PaDataType.TGS_REQ);
        tgsReq.setPaDataValue(KrbCodec.encode(apReq));
        padata.addElement(tgsReq);
        for (PaDataEntry e : extraPadata) {
            padata.addElement(e);
        }
        TgsReq req = new TgsReq();
        req.setReqBody(body);
        req.setPaData(padata);
        return KrbCodec.encode(req);
    }

    /** PA-PAC-REQUEST (MS-KILE 2.2.3, type 128) asking for a PAC: bytes the authenticator does not cover. */
    static PaDataEntry pacRequest() {
        PaDataEntry e = new PaDataEntry();
        e.setPaDataType(PaDataType.PAC_REQUEST);
        e.setPaDataValue(new byte[] {0x30, 0x05, (byte) 0xa0, 0x03, 0x01, 0x01, (byte) 0xff});
        return e;
    }
}
