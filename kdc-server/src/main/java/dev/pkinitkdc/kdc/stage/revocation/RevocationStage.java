package dev.pkinitkdc.kdc.stage.revocation;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.kdc.request.CertificateFacts;
import dev.pkinitkdc.kdc.request.ValidatedCertificate;
import dev.pkinitkdc.pkinit.asn1.ExternalPrincipalIdentifiers;
import dev.pkinitkdc.revocation.CertificateRevocation;
import dev.pkinitkdc.revocation.RevocationChecker;
import dev.pkinitkdc.revocation.RevocationDecision;
import dev.pkinitkdc.revocation.RevocationMode;
import dev.pkinitkdc.revocation.RevocationStatus;
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
    public record Checked(AsExchange.Validated exchange, Optional<KdcFailure> refusal) {
        public AsExchange.Validated allowedOrThrow() throws KdcFailure {
            if (refusal.isPresent()) {
                throw refusal.get();
            }
            return exchange;
        }
    }

    /** In mode off every audit line, refused early or not, says {@code "revocation":{"status":"off"}}. */
    public AsExchange.Received received(AsExchange.Received exchange) {
        return checker.mode() == RevocationMode.OFF
                ? exchange.withAudit(exchange.audit().with(AuditFacts.Revocation.off())) : exchange;
    }

    /** Never completes exceptionally. */
    public CompletableFuture<Checked> apply(AsExchange.Validated exchange) {
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
        Optional<SourceAnswer> a = decision.decidingAnswer();
        return audit.with(new AuditFacts.Revocation(new AuditFacts.RevocationCheck(name(decision.status()),
                decision.decidedBy(), a.map(SourceAnswer::kind).orElse(null), a.map(SourceAnswer::location).orElse(null),
                a.flatMap(SourceAnswer::thisUpdate).orElse(null), a.flatMap(SourceAnswer::nextUpdate).orElse(null),
                a.map(SourceAnswer::grace).orElse(null),
                decision.certificates().stream().map(RevocationStage::certificate).toList())));
    }

    private static AuditFacts.CertificateRevocation certificate(CertificateRevocation c) {
        Optional<SourceAnswer> a = c.deciding();
        return new AuditFacts.CertificateRevocation(c.certificate().getSubjectX500Principal().getName(),
                CertificateFacts.serial(c.certificate()), name(c.status()), a.map(SourceAnswer::kind).orElse("none"),
                a.map(SourceAnswer::location).orElse(null), a.flatMap(SourceAnswer::thisUpdate).orElse(null),
                a.flatMap(SourceAnswer::nextUpdate).orElse(null), a.map(SourceAnswer::grace).orElse(null));
    }

    private static String name(RevocationStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
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
