package dev.pkinitkdc.kdc.as;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.PreauthReply;
import dev.pkinitkdc.kdc.stage.decode.AsReqDecoderTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code refused_at} is {@code preauth} until a mechanism, any mechanism, accepted the request. */
class RefusedAtTest {
    private static final String REALM = "LAB.EXAMPLE";

    @Test
    void aRequestAcceptedByAMechanismOtherThanPkinitIsNotRefusedAtPreauth() throws Exception {
        AsExchange decoded = AsReqDecoderTest.decoded(REALM, null);
        assertEquals("preauth", RefusedAt.of(decoded, FailureReason.PREAUTH_FAILED));

        AsExchange accepted = decoded.withPreauth((x, tgs) -> new PreauthReply(null, List.of(), "-"), decoded.audit());

        assertEquals("validate", RefusedAt.of(accepted, FailureReason.CLIENT_NOT_TRUSTED));
    }
}
