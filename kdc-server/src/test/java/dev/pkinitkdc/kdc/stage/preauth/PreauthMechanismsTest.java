package dev.pkinitkdc.kdc.stage.preauth;

import static dev.pkinitkdc.kdc.stage.preauth.PkinitPreauthenticationTest.UNREACHABLE;
import static dev.pkinitkdc.kdc.stage.preauth.PkinitPreauthenticationTest.exchangeWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.kdc.request.DecodedAsReq;
import dev.pkinitkdc.pkinit.asn1.Der;
import dev.pkinitkdc.pkinit.asn1.EtypeInfo2;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.asn1.PaDataEncoding;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.server.FreshnessTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.bouncycastle.asn1.DERGeneralString;
import org.junit.jupiter.api.Test;

/**
 * The registry of pre-authentication mechanisms: KDC_ERR_PREAUTH_REQUIRED's METHOD-DATA (RFC 4120 5.9.1) made of
 * each mechanism's hints in the KDC's order with the RFC 8070 freshness token last, and a request's padata handed
 * to the mechanism of its type.
 */
class PreauthMechanismsTest {
    private static final int PA_ENC_TIMESTAMP = EncryptedTimestampForTest.PA_ENC_TIMESTAMP;
    private static final int PA_PAC_REQUEST = 128;
    private static final byte[] EMPTY = new byte[0];

    private final FreshnessTokens freshness = FreshnessTokens.ofRandomKey(Duration.ofMinutes(5), Clock.systemUTC());
    private final PkinitPreauthentication pkinit = new PkinitPreauthentication(UNREACHABLE, freshness, false,
            new AuthPackReplayCache(Duration.ofMinutes(5), 100, Clock.systemUTC()));

    private static KdcFailure refusal(CompletionStage<AsExchange.Preauthenticated> stage) {
        return assertInstanceOf(KdcFailure.class,
                assertThrows(ExecutionException.class, () -> stage.toCompletableFuture().get()).getCause());
    }

    private static List<Integer> types(byte[] methodData) throws Exception {
        return PaDataEncoding.decodeSequence(methodData).stream().map(PaDataItem::type).toList();
    }

    @Test
    void withoutPkAsReqTheClientIsOfferedPkinitInMethodData() throws Exception {
        KdcFailure f = refusal(new PreauthMechanisms(List.of(pkinit), freshness)
                .verify(exchangeWith(List.of(new PaDataItem(149, EMPTY)))));
        assertEquals(FailureReason.PREAUTH_REQUIRED, f.reason());
        assertEquals("PKINIT pre-authentication required", f.text());
        assertArrayEquals(PaDataEncoding.encodeSequence(List.of(new PaDataItem(EtypeInfo2.PA_ETYPE_INFO2,
                EtypeInfo2.encode(List.of(18), "LAB.EXAMPLEalice")), new PaDataItem(DecodedAsReq.PA_PK_AS_REQ, EMPTY))),
                f.eData());
    }

    @Test
    void aClientThatSendsPaAsFreshnessIsGivenATokenPkinitAccepts() throws Exception {
        KdcFailure f = refusal(new PreauthMechanisms(List.of(pkinit), freshness).verify(exchangeWith(
                List.of(new PaDataItem(PaDataEncoding.PA_AS_FRESHNESS, EMPTY), new PaDataItem(149, EMPTY)))));
        List<PaDataItem> methods = PaDataEncoding.decodeSequence(f.eData());
        assertEquals(List.of(EtypeInfo2.PA_ETYPE_INFO2, DecodedAsReq.PA_PK_AS_REQ, PaDataEncoding.PA_AS_FRESHNESS),
                types(f.eData()));
        assertEquals(0, methods.get(1).value().length);
        freshness.check(methods.get(2).value());
    }

    @Test
    void aSecondMechanismIsOfferedAfterPkinitAndBeforeTheFreshnessToken() throws Exception {
        PreauthMechanisms both = new PreauthMechanisms(List.of(pkinit, new EncryptedTimestampForTest()), freshness);
        KdcFailure f = refusal(both.verify(exchangeWith(List.of(new PaDataItem(PA_PAC_REQUEST, EMPTY),
                new PaDataItem(PaDataEncoding.PA_AS_FRESHNESS, EMPTY)))));
        assertEquals(List.of(EtypeInfo2.PA_ETYPE_INFO2, DecodedAsReq.PA_PK_AS_REQ, PA_ENC_TIMESTAMP,
                PaDataEncoding.PA_AS_FRESHNESS), types(f.eData()));
        assertEquals("PKINIT or encrypted timestamp pre-authentication required", f.text());
    }

    @Test
    void aMechanismThatSendsNoFreshnessTokenIsOfferedWithoutOne() throws Exception {
        KdcFailure f = refusal(new PreauthMechanisms(List.of(new EncryptedTimestampForTest()), freshness)
                .verify(exchangeWith(List.of(new PaDataItem(PaDataEncoding.PA_AS_FRESHNESS, EMPTY)))));
        assertEquals(List.of(EtypeInfo2.PA_ETYPE_INFO2, PA_ENC_TIMESTAMP), types(f.eData()));
    }

    /**
     * RFC 4120 5.2.7.5 PA-ETYPE-INFO2 first (as AD and MIT send it): the enctypes the KDC would use for the reply
     * in the client's order, each with the RFC 4120 4 default salt of the request's realm and cname, which is all
     * a caller learns: the same for an account that does not exist.
     */
    @Test
    void etypeInfo2NamesTheUsableEnctypesInTheClientsOrderWithTheDefaultSaltOfTheRequest() throws Exception {
        DecodedAsReq nobody = new DecodedAsReq(null, new byte[0],
                new PrincipalName(List.of("no", "such.account"), NameType.NT_PRINCIPAL), "LAB.EXAMPLE", 1,
                Enctype.AES128_CTS_HMAC_SHA1_96, List.of(), List.of(Enctype.AES128_CTS_HMAC_SHA1_96,
                Enctype.AES256_CTS_HMAC_SHA384_192));
        KdcFailure f = refusal(new PreauthMechanisms(List.of(pkinit), freshness).verify(
                AsExchange.received(null, Transport.UDP, Instant.now(), new byte[0]).decoded(nobody,
                        AuditRecord.empty())));
        PaDataItem info = PaDataEncoding.decodeSequence(f.eData()).get(0);
        assertEquals(EtypeInfo2.PA_ETYPE_INFO2, info.type());
        List<String> entries = new java.util.ArrayList<>();
        for (var e : Der.sequence(info.value())) {
            var fields = Der.fields(Der.sequence(e));
            entries.add(Der.integer(Der.required(fields, 0)) + " "
                    + DERGeneralString.getInstance(Der.required(fields, 1)).getString() + " " + fields.size());
        }
        assertEquals(List.of("17 LAB.EXAMPLEnosuch.account 2", "20 LAB.EXAMPLEnosuch.account 2"), entries);
    }

    @Test
    void aSecondMechanismChecksItsOwnPadataAndMayCompleteLater() throws Exception {
        EncryptedTimestampForTest timestamp = new EncryptedTimestampForTest();
        byte[] value = {0x30, 0x00};
        AsExchange.Decoded exchange = exchangeWith(List.of(new PaDataItem(PA_ENC_TIMESTAMP, value)));
        CompletableFuture<AsExchange.Preauthenticated> verified = new PreauthMechanisms(List.of(pkinit, timestamp), freshness)
                .verify(exchange).toCompletableFuture();
        assertEquals(1, timestamp.checked().size(), "handed its padata");
        assertArrayEquals(value, timestamp.checked().get(0));
        assertFalse(verified.isDone(), "waits for the mechanism, no thread held");
        timestamp.answer(Optional.empty());
        AsExchange.Preauthenticated established = verified.get();
        assertSame(exchange.request(), established.request());
        assertNotNull(established.preauth(), "it keeps its state for the reply");
    }

    @Test
    void theKdcsOrderDecidesWhenARequestCarriesPadataOfTwoMechanisms() throws Exception {
        EncryptedTimestampForTest timestamp = new EncryptedTimestampForTest();
        KdcFailure f = refusal(new PreauthMechanisms(List.of(pkinit, timestamp), freshness).verify(exchangeWith(
                List.of(new PaDataItem(PA_ENC_TIMESTAMP, EMPTY), new PaDataItem(DecodedAsReq.PA_PK_AS_REQ, EMPTY)))));
        assertEquals(FailureReason.SIGNATURE_INVALID, f.reason(), "PKINIT, first in the KDC's order, checked it");
        assertEquals(List.of(), timestamp.checked());
    }
}
