package dev.pkinitkdc.kdc.stage.revocation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.kdc.request.TestExchanges;
import dev.pkinitkdc.kdc.request.ValidatedCertificate;
import dev.pkinitkdc.pkinit.asn1.ExternalPrincipalIdentifiers;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.RevocationChecker;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationMode;
import dev.pkinitkdc.revocation.RevocationScope;
import dev.pkinitkdc.revocation.RevocationSource;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.RevokedEntry;
import dev.pkinitkdc.revocation.SourceAnswer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The revocation step's refusals (72, 73, 74 reasons) and audit facts, with a source giving one fixed answer. */
class RevocationStageTest {
    static final Instant THIS_UPDATE = Instant.parse("2026-01-01T00:00:00Z");
    static CertifiedKey root;
    static CertifiedKey user;

    @BeforeAll
    static void pki() {
        root = CertificateBuilder.withNewKey("CN=Root").ca(null).selfSigned();
        user = CertificateBuilder.withNewKey("CN=dave").issuedBy(root);
    }

    /** One answer for every certificate (a value fixture: the combining rules are RevocationCheckerTest's). */
    private static RevocationSource answering(RevocationStatus status, boolean grace) {
        return new RevocationSource() {
            @Override
            public String kind() {
                return "ocsp";
            }

            @Override
            public CompletableFuture<SourceAnswer> check(CertificateToCheck c, FetchPolicy f) {
                return CompletableFuture.completedFuture(new SourceAnswer("ocsp", "http://127.0.0.1:1/ocsp", status,
                        Optional.of(THIS_UPDATE), Optional.of(THIS_UPDATE.plusSeconds(3600)), grace,
                        status == RevocationStatus.REVOKED
                                ? Optional.of(new RevokedEntry(THIS_UPDATE, "keyCompromise")) : Optional.empty(),
                        "responder says " + status));
            }
        };
    }

    private static RevocationStage stage(RevocationMode mode, RevocationSource source) {
        return new RevocationStage(new RevocationChecker(List.of(source), mode, RevocationScope.CHAIN,
                new RevocationCounters()));
    }

    private static AsExchange.Validated validated(RevocationStage stage) {
        AsExchange.Received received = stage.received(AsExchange.received(null, Transport.TCP, Instant.now(),
                new byte[0]));
        return TestExchanges.validated(received, new ValidatedCertificate(user.certificate(),
                List.of(user.certificate()), root.certificate()));
    }

    /** The audit facts as text by dotted path ({@code revocation.status}), absent ones null. */
    private static Map<String, String> facts(AuditRecord audit) {
        return new java.util.AbstractMap<>() {
            @Override
            public String get(Object path) {
                return audit.value((String) path).map(String::valueOf).orElse(null);
            }

            @Override
            public java.util.Set<Entry<String, String>> entrySet() {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void revokedIsRefusedNamingCertificateReasonAndSourceAndTheAuditSaysSo() {
        RevocationStage stage = stage(RevocationMode.HARD_FAIL, answering(RevocationStatus.REVOKED, false));
        RevocationStage.Checked checked = stage.apply(validated(stage)).join();

        KdcFailure f = assertThrows(KdcFailure.class, checked::allowedOrThrow);
        assertEquals(FailureReason.REVOKED_CERTIFICATE, f.reason());
        String serial = user.certificate().getSerialNumber().toString(16).toUpperCase();
        assertEquals("certificate CN=dave serial " + serial + " revoked (keyCompromise) since "
                + "2026-01-01T00:00:00Z per OCSP http://127.0.0.1:1/ocsp", f.text());
        Map<String, String> facts = facts(checked.exchange().audit());
        assertEquals("revoked", facts.get("revocation.status"));
        assertEquals("ocsp", facts.get("revocation.decided_by"));
        assertEquals("ocsp", facts.get("revocation.source"));
        assertEquals("http://127.0.0.1:1/ocsp", facts.get("revocation.location"));
        assertEquals("2026-01-01T00:00:00Z", facts.get("revocation.this_update"));
        assertEquals("2026-01-01T01:00:00Z", facts.get("revocation.next_update"));
        assertEquals("false", facts.get("revocation.grace"));
        List<?> certificates = (List<?>) checked.exchange().audit().value("revocation.certificates").orElseThrow();
        assertEquals(1, certificates.size(), "one entry per certificate checked");
        Map<?, ?> dave = (Map<?, ?>) certificates.get(0);
        assertEquals("CN=dave", dave.get("subject"));
        assertEquals(serial.toLowerCase(), dave.get("serial"));
        assertEquals("revoked", dave.get("status"));
        assertEquals("ocsp", dave.get("source"));
        assertArrayEquals(ExternalPrincipalIdentifiers.invalidCertificates(List.of(user.certificate())), f.eData(),
                "TD-INVALID-CERTIFICATES names the revoked certificate");
    }

    @Test
    void unknownAndUnavailableHaveTheirOwnReasonsAndNeverSayRevoked() {
        for (var c : Map.of(RevocationStatus.UNKNOWN, FailureReason.REVOCATION_STATUS_UNKNOWN,
                RevocationStatus.UNAVAILABLE, FailureReason.REVOCATION_STATUS_UNAVAILABLE).entrySet()) {
            RevocationStage stage = stage(RevocationMode.HARD_FAIL, answering(c.getKey(), false));
            KdcFailure f = assertThrows(KdcFailure.class, () -> stage.apply(validated(stage)).join().allowedOrThrow());
            assertEquals(c.getValue(), f.reason());
            assertFalse(f.text().contains("revoked"), f.text());
            assertTrue(f.text().contains("CN=dave serial"), f.text());
        }
    }

    @Test
    void goodWithinGraceIsAllowedAndTheAuditSaysGrace() throws Exception {
        RevocationStage stage = stage(RevocationMode.HARD_FAIL, answering(RevocationStatus.GOOD, true));
        RevocationStage.Checked checked = stage.apply(validated(stage)).join();

        checked.allowedOrThrow();
        Map<String, String> facts = facts(checked.exchange().audit());
        assertEquals("good", facts.get("revocation.status"));
        assertEquals("grace", facts.get("revocation.decided_by"));
        assertEquals("true", facts.get("revocation.grace"));
    }

    @Test
    void softFailAllowsAndTheAuditSaysTheModeDecided() throws Exception {
        RevocationStage stage = stage(RevocationMode.SOFT_FAIL, answering(RevocationStatus.UNAVAILABLE, false));
        RevocationStage.Checked checked = stage.apply(validated(stage)).join();

        checked.allowedOrThrow();
        assertEquals("mode=soft_fail", facts(checked.exchange().audit()).get("revocation.decided_by"));
    }

    @Test
    void offMarksEveryRequestFromTheStartAndChecksNothing() throws Exception {
        RevocationStage stage = stage(RevocationMode.OFF, answering(RevocationStatus.REVOKED, false));
        AsExchange received = stage.received(AsExchange.received(null, Transport.UDP, Instant.now(), new byte[0]));
        assertEquals("off", facts(received.audit()).get("revocation.status"));

        RevocationStage.Checked checked = stage.apply(validated(stage)).join();
        checked.allowedOrThrow();
        assertEquals(Map.of("status", "off", "decided_by", "mode=off"),
                checked.exchange().audit().value("revocation").orElseThrow(), "nothing checked, nothing added");
    }
}
