package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pkinitkdc.failure.ETexts;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, section 3: the KRB-ERROR e-text tells a client about its own certificate and request only. An attacker
 * with a valid card for alice asks for bob, and sends a malformed request, to a KDC configured as {@code run} would
 * be ({@code verbose_e_text} off); the audit line keeps the full reason. The lab's own kdc.conf turns verbose e-text
 * on, and then the details reach the client.
 */
class ETextAttackTest {
    /** What the lab's account bob is: his DN and the parts of his directory entry an attacker must not learn. */
    private static final List<String> BOB_FACTS = List.of("CN=bob", "DC=lab", "DC=example", "sAMAccountName",
            "S-1-5-21-");

    @TempDir
    static Path dir;

    private static LabKdc quiet(Path lab) throws Exception {
        return LabKdc.start(lab, "", conf -> conf.replace("verbose_e_text = true", "verbose_e_text = false"));
    }

    @Test
    void aliceAskingForBobLearnsNothingAboutBobsAccount() throws Exception {
        try (LabKdc kdc = quiet(dir.resolve("quiet")); AuditFile audit = new AuditFile(dir.resolve("quiet"))) {
            AsExchangeResult r = OwnClient.logon(kdc.lab, "alice", "bob", PkinitClientOptions.defaults(), false);

            AsExchangeResult.Error e = assertInstanceOf(AsExchangeResult.Error.class, r, r::toString);
            for (String fact : BOB_FACTS) {
                assertFalse(e.eText().contains(fact), () -> "e-text tells alice about bob: " + e.eText());
            }
            JsonNode line = audit.records().get(audit.records().size() - 1);
            assertTrue(line.path("error_text").asText().contains("CN=bob,CN=Users,DC=lab,DC=example"),
                    "the audit line keeps the full reason: " + line);
            assertEquals(e.eText(), line.path("e_text").asText(), "the audit line records what the client was told");
        }
    }

    @Test
    void aMalformedRequestIsToldAFixedSentenceNotTheParsersMessage() throws Exception {
        try (LabKdc kdc = quiet(dir.resolve("quiet-der")); AuditFile audit = new AuditFile(dir.resolve("quiet-der"))) {
            // [APPLICATION 10] claiming 200 bytes of content and carrying a truncated SEQUENCE
            byte[] garbage = {0x6a, (byte) 0x81, (byte) 0xc8, 0x30, 0x7f, 0x01, 0x02};
            KrbErrorOnTheWire error = KrbErrorOnTheWire.decode(OwnClient.tcp(kdc.lab, garbage));

            assertEquals(ETexts.of(FailureReason.MALFORMED_REQUEST), error.eText());
            JsonNode line = audit.records().get(audit.records().size() - 1);
            assertEquals("decode", line.path("refused_at").asText(), line::toString);
            assertEquals(error.eText(), line.path("e_text").asText(), line::toString);
            assertNotEquals(error.eText(), line.path("error_text").asText(), "the audit line keeps the parser's reason");
        }
    }

    @Test
    void theLabsVerboseETextShowsTheFullReason() throws Exception {
        try (LabKdc kdc = LabKdc.start(dir.resolve("verbose"))) {
            AsExchangeResult r = OwnClient.logon(kdc.lab, "alice", "bob", PkinitClientOptions.defaults(), false);

            AsExchangeResult.Error e = assertInstanceOf(AsExchangeResult.Error.class, r, r::toString);
            assertTrue(e.eText().contains("CN=bob,CN=Users,DC=lab,DC=example"), e.eText());
        }
    }
}
