package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding;
import dev.pkinitkdc.pkinit.client.ClientQuirk;
import dev.pkinitkdc.pkinit.client.KdcTransport;
import dev.pkinitkdc.pkinit.client.PkinitAsReq;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.kdc.AsReq;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlag;
import org.junit.jupiter.api.Test;

/**
 * What AD-oriented PKINIT tools (Python on impacket, asn1crypto, minikerberos) send, imitated by the project's
 * client against the lab KDC over the network: AD and MIT KDCs accept each, so this one does.
 */
class AdClientBehaviourTest extends LabPerClass {
    private static AsExchangeResult.Success logon(PkinitClientOptions options, boolean udp) throws Exception {
        AsExchangeResult r = OwnClient.logon(kdc.lab, "alice", "alice", options, udp);
        return assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
    }

    /**
     * RFC 4556 3.2.1: a PKAuthenticator nonce of the client's own (was 24); the client checks that KDCDHKeyInfo
     * echoes it. What still binds the signed AuthPack to one request, tried as an attacker would: the same AuthPack
     * under a body with another nonce fails the paChecksum (41); under the same body in an AS-REQ that differs
     * elsewhere (one more PA-DATA) it is a replay (34). (The same AS-REQ byte for byte gets the first reply again
     * from the lookaside cache, sealed with a reply key only the first client has.)
     */
    @Test
    void anIndependentPkAuthenticatorNonceGetsATgtAndTheAuthPackStaysBoundToItsRequest() throws Exception {
        PkinitClient client = OwnClient.client(kdc.lab, "alice", PkinitClientOptions.defaults()
                .withQuirk(ClientQuirk.INDEPENDENT_AUTHENTICATOR_NONCE));
        PkinitAsReq request = client.newAsReq(OwnClient.principal("alice"), kdc.lab.realm());
        AsExchangeResult first = client.processReply(request, OwnClient.tcp(kdc.lab, request.encoded()));
        assertInstanceOf(AsExchangeResult.Success.class, first, first::toString);

        byte[] wire = request.encoded();
        KdcReqBody body = KrbCodec.decode(KdcReqEncoding.reqBody(wire), KdcReqBody.class);
        body.setNonce(body.getNonce() + 1);
        byte[] otherNonce = KdcReqEncoding.withReqBody(wire, KrbCodec.encode(body));
        assertEquals(41, KdcTransport.errorCode(OwnClient.tcp(kdc.lab, otherNonce)));

        AsReq asReq = KrbCodec.decode(wire, AsReq.class);
        asReq.getPaData().addElement(new PaDataEntry(PaDataType.PAC_REQUEST, new byte[] {0x30, 0x05,
                (byte) 0xa0, 0x03, 0x01, 0x01, (byte) 0xff}));
        byte[] replayed = KdcReqEncoding.withReqBody(KrbCodec.encode(asReq), KdcReqEncoding.reqBody(wire));
        assertEquals(34, KdcTransport.errorCode(OwnClient.tcp(kdc.lab, replayed)));
    }

    /**
     * MODP group 2 (RFC 2409, 1024 bits), which many of those tools hard-code: refused with 65 by default (see
     * {@code OwnClientLogonTest}), a TGT with {@code dh_min_bits = 1024}, the KDC answering in group 2.
     */
    @Test
    void modpGroup2GetsATgtWithDhMinBits1024() throws Exception {
        try (LabKdc weak = LabKdc.start(dir.resolve("modp2"), "",
                conf -> conf.replace("dh_min_bits = 2048\n", "dh_min_bits = 1024\n"))) {
            OwnClient.Exchange x = OwnClient.exchange(weak.lab, "alice",
                    PkinitClientOptions.defaults().withGroup(ModpGroup.MODP2));
            assertInstanceOf(AsExchangeResult.Success.class, x.result(), x.result()::toString);
            KdcDhPublicValue.assertInGroup(2, x.reply());
        }
    }

    /**
     * The TGT is sealed with aes256-cts-hmac-sha1-96 by default (those tools cannot parse etype 20 in the ticket
     * they inspect for U2U), while the reply follows the client's list; {@code [krbtgt] ticket_enctypes} puts an
     * RFC 8009 type first.
     */
    @Test
    void theTgtIsSealedWithAes256Sha1UnlessConfiguredOtherwise() throws Exception {
        PkinitClientOptions rfc8009First = PkinitClientOptions.defaults().withEnctypes(List.of(
                Enctype.AES256_CTS_HMAC_SHA384_192, Enctype.AES256_CTS_HMAC_SHA1_96));
        AsExchangeResult.Success ok = logon(rfc8009First, false);
        assertEquals(Enctype.AES256_CTS_HMAC_SHA384_192, ok.enctype(), "the reply follows the client");
        assertEquals(Enctype.AES256_CTS_HMAC_SHA1_96, Enctypes.of(ok.ticket().getEncryptedEncPart()));
        try (LabKdc configured = LabKdc.start(dir.resolve("rfc8009-tickets"), "", conf -> conf.replace(
                "[krbtgt]\n", "[krbtgt]\nticket_enctypes = aes256-cts-hmac-sha384-192\n"))) {
            AsExchangeResult r = OwnClient.logon(configured.lab, "alice", "alice", PkinitClientOptions.defaults(),
                    false);
            AsExchangeResult.Success sealed = assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
            assertEquals(Enctype.AES256_CTS_HMAC_SHA1_96, sealed.enctype());
            assertEquals(Enctype.AES256_CTS_HMAC_SHA384_192, Enctypes.of(sealed.ticket().getEncryptedEncPart()));
        }
    }

    /** RFC 4120 5.2.8 kdc-options of 2 bits (03 02 06 40, forwardable): a TGT, and the flag read as sent. */
    @Test
    void shortKdcOptionsGetAForwardableTgt() throws Exception {
        for (boolean udp : new boolean[] {false, true}) {
            AsExchangeResult.Success ok = logon(PkinitClientOptions.defaults()
                    .withQuirk(ClientQuirk.SHORT_KERBEROS_FLAGS), udp);
            assertEquals(true, ok.encPart().getFlags().isFlagSet(TicketFlag.FORWARDABLE), "udp " + udp);
        }
    }
}
