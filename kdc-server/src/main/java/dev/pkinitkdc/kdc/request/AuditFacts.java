package dev.pkinitkdc.kdc.request;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import java.util.List;

/**
 * The audit line's schema (README "Audit log and metrics"), in the manner of MIT krb5's kdc_audit.h: what each
 * stage establishes about one AS-REQ, as one immutable record per stage. An {@link AuditRecord} holds the facts in
 * the order the stages added them; {@link AuditFields} turns them into the line's fields, each component of a
 * stage's record a field of the line ({@code thumbprintSha1} is written {@code thumbprint_sha1}), a nested record
 * an object, a list an array; a null component is left out. Values are never key material or tickets.
 *
 * <p>A new fact is a new component (or a new record here, listed in {@code permits}) and a row in the README's
 * field table, which {@code AuditSchemaReadmeTest} checks against these records.
 */
public sealed interface AuditFacts permits AuditFacts.Received, AuditFacts.Decoded, AuditFacts.Tgs, AuditFacts.Pkinit,
        AuditFacts.Trust, AuditFacts.Revocation, AuditFacts.Mapping, AuditFacts.Issued, AuditFacts.Outcome,
        AuditFacts.Replay, AuditFacts.Timing, AuditFacts.Suppressed {

    /** An {@link Instant} written with milliseconds, always three digits ({@link AuditRecord#time}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Milliseconds {
    }

    /** On receipt: when, from which address ({@code -} when unknown), over udp or tcp. */
    record Received(@Milliseconds Instant time, String client, String transport) implements AuditFacts {
    }

    /** The decode stage: the client's name and realm, the reply enctype chosen and the padata types sent. */
    record Decoded(String cname, String realm, String enctype, List<Integer> padata) implements AuditFacts {
    }

    /** A TGS-REQ (RFC 4120 3.3): what its steps established. */
    record Tgs(TgsFacts tgs) implements AuditFacts {
    }

    /**
     * The service asked for; once the PA-TGS-REQ verified, the TGT's client, the kvno of the krbtgt key that sealed
     * it and whether the authenticator carried a subkey.
     */
    record TgsFacts(String service, String cname, Integer tgtKvno, Boolean subkey) {
    }

    /** The preauth stage (PKINIT): the client certificate, the key exchange and the RFC 8070 token (none, ok). */
    record Pkinit(CertificateFacts certificate, String kx, String freshness) implements AuditFacts {
    }

    /** The validate stage: the trust steps passed (path, eku, ntauth). */
    record Trust(List<TrustStep> trust) implements AuditFacts {
    }

    /**
     * One trust step: {@code path} with its anchor, length and the CAs between; {@code eku}; {@code ntauth} with the
     * issuing CA's thumbprint, or a result other than ok ({@code off}).
     */
    record TrustStep(String step, String result, String anchor, Integer pathLength, List<String> issuers,
                     String issuingCa) {
        public static TrustStep passed(String step) {
            return new TrustStep(step, "ok", null, null, null, null);
        }
    }

    /** The revocation step of validate; with mode off from receipt on. */
    record Revocation(RevocationCheck revocation) implements AuditFacts {
        public static Revocation off() {
            return new Revocation(new RevocationCheck("off", "mode=off", null, null, null, null, null, null));
        }
    }

    /** The path's revocation status, what decided it, the deciding answer, and each certificate checked. */
    record RevocationCheck(String status, String decidedBy, String source, String location, Instant thisUpdate,
                           Instant nextUpdate, Boolean grace, List<CertificateRevocation> certificates) {
    }

    /** One certificate's revocation status and the answer that decided it ({@code source} none if none did). */
    record CertificateRevocation(String subject, String serial, String status, String source, String location,
                                 Instant thisUpdate, Instant nextUpdate, Boolean grace) {
    }

    /** The map stage: the account found, or for a refused mapping the steps of the decision. */
    record Mapping(MappedAccount mapping) implements AuditFacts {
    }

    /**
     * {@code method} (lower case), {@code strong}, the account's DN and sAMAccountName; for a refused mapping only
     * {@code steps}.
     */
    record MappedAccount(String method, Boolean strong, String account, String samAccountName,
                         List<MappingDecisionStep> steps) {
        public static MappedAccount refused(List<MappingDecisionStep> steps) {
            return new MappedAccount(null, null, null, null, steps);
        }
    }

    /** One step of a mapping decision, as {@code explain} prints it. */
    record MappingDecisionStep(String kind, String method, Boolean strong, String text) {
    }

    /** The issue stage: the KDF, the OCSP staple ({@code -} not asked, sent, none) and the TGT. */
    record Issued(String kdf, String ocspStaple, TicketFacts ticket) implements AuditFacts {
    }

    /** The TGT issued: client, end time, renew-till when renewable, flags in hex, its enctype. */
    record TicketFacts(String cname, Instant endtime, Instant renewTill, String flags, String enctype) {
    }

    /**
     * How the request was answered: {@code ok}, or {@code refused} with the KRB-ERROR number and reason, the full
     * reason, what the client was told and the stage that refused.
     */
    record Outcome(String result, Integer errorCode, String errorReason, String errorText, String eText,
                   String refusedAt) implements AuditFacts {
        public static Outcome ok() {
            return new Outcome("ok", null, null, null, null, null);
        }

        public static Outcome refused(int errorCode, String errorReason, String errorText, String eText,
                                      String refusedAt) {
            return new Outcome("refused", errorCode, errorReason, errorText, eText, refusedAt);
        }

        /** A retransmission answered with the first copy's reply; its KRB-ERROR number if that was one. */
        public static Outcome lookaside(Integer errorCode) {
            return new Outcome("lookaside", errorCode, null, null, null, null);
        }
    }

    /** The answer replaced at the UDP reply limit came from the lookaside cache (RFC 4120 7.2.1). */
    record Replay(Boolean lookaside) implements AuditFacts {
    }

    /** Receipt to answer. */
    record Timing(long latencyMs) implements AuditFacts {
    }

    /** The one line for a window of refusals that got no line of their own. */
    record Suppressed(@Milliseconds Instant time, String result, String refusedAt, long suppressed, int sources,
                      @Milliseconds Instant since) implements AuditFacts {
        public static Suppressed of(Instant to, String refusedAt, long suppressed, int sources, Instant from) {
            return new Suppressed(to, "suppressed", refusedAt, suppressed, sources, from);
        }
    }
}
