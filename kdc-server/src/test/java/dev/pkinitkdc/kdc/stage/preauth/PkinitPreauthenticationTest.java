package dev.pkinitkdc.kdc.stage.preauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.DecodedAsReq;
import dev.pkinitkdc.kdc.request.TestExchanges;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.server.PkinitServer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.junit.jupiter.api.Test;

class PkinitPreauthenticationTest {
    static final PkinitServer UNREACHABLE = new PkinitServer() {
        @Override
        public dev.pkinitkdc.pkinit.server.VerifiedPkAsReq verify(byte[] p, byte[] b) throws KdcFailure {
            throw new KdcFailure(FailureReason.SIGNATURE_INVALID, "verify was called");
        }

        @Override
        public dev.pkinitkdc.pkinit.server.PkinitReply reply(dev.pkinitkdc.pkinit.server.VerifiedPkAsReq r,
                Enctype e, byte[] a, PrincipalName c, PrincipalName t) {
            throw new AssertionError();
        }
    };

    static AsExchange.Decoded exchangeWith(List<PaDataItem> padata) {
        return TestExchanges.decoded(padata);
    }

    @Test
    void withPkAsReqTheRfc4556ChecksRunAndTheirRefusalPassesThrough() {
        byte[] value = {1};
        CompletionStage<AsExchange.Preauthenticated> verified = new PkinitPreauthentication(UNREACHABLE)
                .verify(exchangeWith(List.of(new PaDataItem(DecodedAsReq.PA_PK_AS_REQ, value))), value);
        KdcFailure f = assertInstanceOf(KdcFailure.class, assertThrows(ExecutionException.class,
                () -> verified.toCompletableFuture().get()).getCause());
        assertEquals(FailureReason.SIGNATURE_INVALID, f.reason());
    }
}
