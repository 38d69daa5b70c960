package dev.pkinitkdc.kdc.tool.explain;

import dev.pkinitkdc.conf.KdcConfig;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.ValidatedCertificate;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorCodes;
import dev.pkinitkdc.kdc.stage.revocation.RevocationStage;
import dev.pkinitkdc.kdc.stage.trust.CertificatePathValidator;
import dev.pkinitkdc.kdc.stage.trust.ntauth.NtAuthCa;
import dev.pkinitkdc.kdc.stage.trust.ntauth.NtAuthPolicy;
import dev.pkinitkdc.kdc.support.identity.KdcCertificateCheck;
import dev.pkinitkdc.mapping.AccountMapping;
import dev.pkinitkdc.mapping.CertificateMapper;
import dev.pkinitkdc.mapping.ClientNameHint;
import dev.pkinitkdc.mapping.MappingRefusal;
import dev.pkinitkdc.mapping.MappingTrace;
import dev.pkinitkdc.revocation.CertificateRevocation;
import dev.pkinitkdc.revocation.RevocationChecker;
import dev.pkinitkdc.revocation.RevocationDecision;
import dev.pkinitkdc.revocation.RevocationMode;
import dev.pkinitkdc.revocation.SourceAnswer;
import java.io.PrintStream;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/** Prints, step by step, the validate (path, NTAuth, revocation) and map stages' view of one certificate. */
final class ExplainReport {
    private final PrintStream out;
    private final KdcConfig config;

    ExplainReport(PrintStream out, KdcConfig config) {
        this.out = out;
        this.config = config;
    }

    /** @return whether the KDC would accept the logon */
    boolean explain(X509Certificate cert, List<X509Certificate> bundled, ClientNameHint hint,
                    CertificatePathValidator validator, RevocationChecker revocation, CertificateMapper mapper) {
        certificate(cert);
        out.println("Hint: " + describe(hint));
        out.println();
        out.println("Trust (anchors and intermediates of " + config.file() + "):");
        ValidatedCertificate validated;
        try {
            validated = validator.validate(cert, bundled);
        } catch (KdcFailure f) {
            step("chain, validity, digests, EKU and key usage", "REFUSED");
            return refused(f);
        }
        step("chain", validated.path().stream().map(c -> c.getSubjectX500Principal().getName())
                .collect(Collectors.joining(" -> ")) + " -> " + validated.anchor().getSubjectX500Principal().getName()
                + " (trust anchor)");
        step("validity, signature digests, EKU and key usage", "ok");
        if (!ntAuth(validator.ntAuth(), validated) || !revocation(revocation, validated)) {
            return false;
        }
        out.println();
        out.println("Mapping (" + config.mapping().enforcement().name().toLowerCase() + " strong-mapping enforcement,"
                + " SAN UPN " + (config.mapping().useSubjectAltName() ? "used" : "ignored") + "):");
        AccountMapping mapping;
        try {
            mapping = mapper.map(cert, hint).toCompletableFuture()
                    .get(config.directory().timeout().toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MappingRefusal r) {
                trace(r.trace());
            }
            if (cause instanceof KdcFailure f) {
                return refused(f);
            }
            out.println("Result: ERROR " + cause);
            return false;
        } catch (TimeoutException e) {
            out.println("Result: the directory did not answer in time");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        trace(mapping.trace());
        out.println();
        out.println("Result: ACCEPTED: account " + mapping.account().dn() + " (sAMAccountName "
                + mapping.account().samAccountName() + ") by " + mapping.method() + ", "
                + (mapping.strong() ? "strong" : "weak") + " mapping");
        return true;
    }

    /** MS-PKCA 3.1.5.2.1.1: the issuing CA must be in the NTAuth store. */
    private boolean ntAuth(NtAuthPolicy policy, ValidatedCertificate validated) {
        if (!policy.enabled()) {
            step("NTAuth", "not checked ([ntauth] source = off)");
            return true;
        }
        NtAuthCa issuing = NtAuthCa.of(NtAuthPolicy.issuingCa(validated));
        try {
            policy.check(validated);
            step("NTAuth (" + policy.source() + ")", "issuing CA " + issuing.describe() + " is in the store");
            return true;
        } catch (KdcFailure f) {
            step("NTAuth (" + policy.source() + ")", "issuing CA " + issuing.describe() + " is NOT in the store");
            return refused(f);
        }
    }

    /** RFC 4556 3.2.3: each certificate's answers, in the order the sources were asked, and the decision. */
    private boolean revocation(RevocationChecker checker, ValidatedCertificate validated) {
        if (checker.mode() == RevocationMode.OFF) {
            step("revocation", "not checked ([revocation] mode = off)");
            return true;
        }
        Duration bound = config.revocation().ocspTimeout().plus(config.revocation().crlTimeout()).multipliedBy(2)
                .plusSeconds(5);
        RevocationDecision decision;
        try {
            decision = checker.check(validated.path(), validated.anchor()).get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            step("revocation", "no decision within " + bound.toSeconds() + " s");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        for (CertificateRevocation c : decision.certificates()) {
            step("revocation of " + c.describe(), c.status().name().toLowerCase());
            c.answers().forEach(a -> out.println("      " + describe(a)));
        }
        step("revocation decided by " + decision.decidedBy() + " ([revocation] mode = "
                + checker.mode().name().toLowerCase() + ")", decision.allowed() ? "allowed" : "REFUSED");
        return RevocationStage.refusal(decision).map(this::refused).orElse(true);
    }

    private static String describe(SourceAnswer a) {
        return a.kind() + " " + a.location() + ": " + a.status().name().toLowerCase()
                + a.nextUpdate().map(n -> ", next update " + n).orElse("") + (a.grace() ? ", within grace" : "")
                + " (" + a.detail() + ")";
    }

    private void trace(MappingTrace trace) {
        trace.render().lines().forEach(line -> out.println("  " + line));
    }

    private boolean refused(KdcFailure f) {
        out.println();
        out.println("Result: REFUSED with KRB-ERROR " + KrbErrorCodes.codeFor(f.reason()) + " (" + f.reason() + "): "
                + f.text());
        return false;
    }

    private void certificate(X509Certificate cert) {
        out.println("Certificate:");
        step("subject", cert.getSubjectX500Principal().getName());
        step("issuer", cert.getIssuerX500Principal().getName());
        step("serial", cert.getSerialNumber().toString(16));
        step("thumbprint (SHA-1)", KdcCertificateCheck.thumbprint(cert));
        step("valid", cert.getNotBefore().toInstant() + " .. " + cert.getNotAfter().toInstant());
        try {
            step("EKU", String.valueOf(cert.getExtendedKeyUsage()));
        } catch (CertificateParsingException e) {
            step("EKU", "unreadable");
        }
        String sans = KdcCertificateCheck.describe(cert).replaceAll(".* san=", "");
        step("SAN", sans);
    }

    private void step(String what, String value) {
        out.println("  - " + what + (value == null ? "" : ": " + value));
    }

    private static String describe(ClientNameHint hint) {
        return switch (hint.kind()) {
            case NONE -> "none (the certificate's mappings are searched)";
            case SAM_ACCOUNT_NAME -> hint.components().get(0) + " (looked up as sAMAccountName)";
            case USER_PRINCIPAL_NAME -> hint.components().get(0) + " (looked up as userPrincipalName)";
            case UNNAMEABLE -> hint.printable() + " (names no account: refused as unknown)";
        };
    }
}
