package dev.pkinitkdc.kdc.preauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.decode.DecodedAsReq;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.asn1.PaDataEncoding;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.pkinit.server.PkinitServer;
import java.time.Instant;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.base.MethodData;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.junit.jupiter.api.Test;

class PkinitPreauthenticationTest {
    private static final PkinitServer UNREACHABLE = new PkinitServer() {
        @Override
        public dev.pkinitkdc.pkinit.server.VerifiedPkAsReq verify(byte[] p, byte[] b, long n) throws KdcFailure {
            throw new KdcFailure(FailureReason.SIGNATURE_INVALID, "verify was called");
        }

        @Override
        public dev.pkinitkdc.pkinit.server.PkinitReply reply(dev.pkinitkdc.pkinit.server.VerifiedPkAsReq r,
                Enctype e, byte[] a, PrincipalName c, PrincipalName t) {
            throw new AssertionError();
        }
    };

    private static AsExchange exchangeWith(List<PaDataItem> padata) {
        DecodedAsReq req = new DecodedAsReq(null, new byte[0], new PrincipalName(List.of("alice"), NameType.NT_PRINCIPAL),
                "LAB.EXAMPLE", 1, Enctype.AES256_CTS_HMAC_SHA1_96, padata);
        return AsExchange.received(null, Transport.UDP, Instant.now(), new byte[0]).withRequest(req,
                dev.pkinitkdc.kdc.request.AuditRecord.empty());
    }

    @Test
    void withoutPkAsReqTheClientIsOfferedPkinitInMethodData() throws Exception {
        KdcFailure f = assertThrows(KdcFailure.class, () -> new PkinitPreauthentication(UNREACHABLE)
                .apply(exchangeWith(List.of(new PaDataItem(149, new byte[0])))));
        assertEquals(FailureReason.PREAUTH_REQUIRED, f.reason());
        MethodData md = KrbCodec.decode(f.eData(), MethodData.class);
        assertEquals(1, md.getElements().size());
        assertEquals(DecodedAsReq.PA_PK_AS_REQ, md.getElements().get(0).getPaDataType().getValue());
    }

    @Test
    void aClientThatSendsPaAsFreshnessIsGivenATokenToo() throws Exception {
        KdcFailure f = assertThrows(KdcFailure.class, () -> new PkinitPreauthentication(UNREACHABLE)
                .apply(exchangeWith(List.of(new PaDataItem(150, new byte[0]), new PaDataItem(149, new byte[0])))));
        List<PaDataItem> methods = PaDataEncoding.decodeSequence(f.eData());
        assertEquals(List.of(DecodedAsReq.PA_PK_AS_REQ, PaDataEncoding.PA_AS_FRESHNESS),
                methods.stream().map(PaDataItem::type).toList());
        assertEquals(0, methods.get(0).value().length);
        assertTrue(methods.get(1).value().length > 0, "RFC 8070 4: a non-empty token");
    }

    @Test
    void withPkAsReqTheRfc4556ChecksRunAndTheirRefusalPassesThrough() {
        KdcFailure f = assertThrows(KdcFailure.class, () -> new PkinitPreauthentication(UNREACHABLE)
                .apply(exchangeWith(List.of(new PaDataItem(DecodedAsReq.PA_PK_AS_REQ, new byte[] {1})))));
        assertEquals(FailureReason.SIGNATURE_INVALID, f.reason());
    }
}
