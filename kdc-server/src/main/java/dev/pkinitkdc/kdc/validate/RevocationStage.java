package dev.pkinitkdc.kdc.validate;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.pkinit.asn1.ExternalPrincipalIdentifiers;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.revocation.RevocationChecker;
import dev.pkinitkdc.revocation.RevocationDecision;
import dev.pkinitkdc.revocation.RevocationMode;
import dev.pkinitkdc.revocation.SourceAnswer;
import java.util.List;
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

    /** In mode off every audit line, refused early or not, says {@code revocation=off}. */
    public AsExchange received(AsExchange exchange) {
        return checker.mode() == RevocationMode.OFF
                ? exchange.withAudit(exchange.audit().with("revocation", "off")) : exchange;
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

    static AuditRecord facts(AuditRecord audit, RevocationDecision decision) {
        AuditRecord out = audit.with("revocation", decision.status().name().toLowerCase(Locale.ROOT))
                .with("revocation.decided_by", decision.decidedBy());
        Optional<SourceAnswer> answer = decision.decidingAnswer();
        if (answer.isEmpty()) {
            return out;
        }
        SourceAnswer a = answer.get();
        return out.with("revocation.source", a.kind())
                .with("revocation.location", a.location())
                .with("revocation.this_update", a.thisUpdate().map(Object::toString).orElse("-"))
                .with("revocation.next_update", a.nextUpdate().map(Object::toString).orElse("-"))
                .with("revocation.grace", a.grace());
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
