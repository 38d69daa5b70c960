package dev.pkinitkdc.kdc.validate;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.pkinit.asn1.ExternalPrincipalIdentifiers;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.kdc.request.CertificateFacts;
import dev.pkinitkdc.revocation.CertificateRevocation;
import dev.pkinitkdc.revocation.RevocationChecker;
import dev.pkinitkdc.revocation.RevocationDecision;
import dev.pkinitkdc.revocation.RevocationMode;
import dev.pkinitkdc.revocation.SourceAnswer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The revocation step of the validate stage (RFC 4556 3.2.3): after the path is built, before mapping. The check
 * completes when the sources answer, so no thread waits for OCSP or CRL I/O. Records the decision in the audit
 * line; a refusal is KDC_ERR_REVOKED_CERTIFICATE (72), _REVOCATION_STATUS_UNKNOWN (73) or _UNAVAILABLE (74).
 */
public final class RevocationStage {
    private final RevocationChecker checker;

    public RevocationStage(RevocationChecker checker) {
        this.checker = checker;
    }

    /** The exchange with the revocation facts, and the refusal if the decision was not to allow the logon. */
    public record Checked(AsExchange exchange, Optional<KdcFailure> refusal) {
        public AsExchange allowedOrThrow() throws KdcFailure {
            if (refusal.isPresent()) {
                throw refusal.get();
            }
            return exchange;
        }
    }

    /** In mode off every audit line, refused early or not, says {@code "revocation":{"status":"off"}}. */
    public AsExchange received(AsExchange exchange) {
        return checker.mode() == RevocationMode.OFF
                ? exchange.withAudit(exchange.audit().with("revocation", AuditRecord.object("status", "off",
                        "decided_by", "mode=off"))) : exchange;
    }

    /** Never completes exceptionally. */
    public CompletableFuture<Checked> apply(AsExchange exchange) {
        if (checker.mode() == RevocationMode.OFF) {
            return CompletableFuture.completedFuture(new Checked(exchange, Optional.empty()));
        }
        ValidatedCertificate validated = exchange.certificate();
        return checker.check(validated.path(), validated.anchor())
                .thenApply(decision -> new Checked(exchange.withAudit(facts(exchange.audit(), decision)),
                        refusal(decision)));
    }

    /**
     * {@code revocation}: the path's status, what decided it and the deciding answer's source, location, thisUpdate,
     * nextUpdate and grace; then {@code certificates}, one entry per certificate checked with its own answer.
     */
    static AuditRecord facts(AuditRecord audit, RevocationDecision decision) {
        Map<String, Object> facts = new LinkedHashMap<>(AuditRecord.object(
                "status", decision.status().name().toLowerCase(Locale.ROOT),
                "decided_by", decision.decidedBy()));
        decision.decidingAnswer().ifPresent(a -> facts.putAll(answer(a)));
        facts.put("certificates", decision.certificates().stream().map(RevocationStage::certificate).toList());
        return audit.with("revocation", facts);
    }

    private static Map<String, Object> certificate(CertificateRevocation c) {
        Map<String, Object> out = new LinkedHashMap<>(AuditRecord.object(
                "subject", c.certificate().getSubjectX500Principal().getName(),
                "serial", CertificateFacts.serial(c.certificate()),
                "status", c.status().name().toLowerCase(Locale.ROOT)));
        c.deciding().ifPresentOrElse(a -> out.putAll(answer(a)), () -> out.put("source", "none"));
        return out;
    }

    private static Map<String, Object> answer(SourceAnswer a) {
        return AuditRecord.object("source", a.kind(), "location", a.location(),
                "this_update", a.thisUpdate(), "next_update", a.nextUpdate(), "grace", a.grace());
    }

    /**
     * The KRB-ERROR reason, e-text and e-data for a decision that does not allow the logon: 72, 73 or 74, with
     * TD-INVALID-CERTIFICATES naming the certificate that decided (RFC 4556 3.2.3 allows it for these errors).
     */
    public static Optional<KdcFailure> refusal(RevocationDecision decision) {
        if (decision.allowed()) {
            return Optional.empty();
        }
        FailureReason reason = switch (decision.status()) {
            case REVOKED -> FailureReason.REVOKED_CERTIFICATE;
            case UNAVAILABLE -> FailureReason.REVOCATION_STATUS_UNAVAILABLE;
            case UNKNOWN, GOOD -> FailureReason.REVOCATION_STATUS_UNKNOWN;
        };
        byte[] eData = decision.decisive()
                .map(c -> ExternalPrincipalIdentifiers.invalidCertificates(List.of(c.certificate()))).orElse(null);
        return Optional.of(new KdcFailure(reason, decision.explanation(), eData, null));
    }
}
