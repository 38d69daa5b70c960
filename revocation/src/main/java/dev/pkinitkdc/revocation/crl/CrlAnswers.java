package dev.pkinitkdc.revocation.crl;

import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.RevokedEntry;
import dev.pkinitkdc.revocation.SourceAnswer;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a complete CRL, and the delta CRL that updates it if any, into the answer for one certificate (RFC 5280
 * 6.3.3 (i), (j)): validity with the configured grace after nextUpdate, an entry in the delta revokes or, with
 * reasonCode removeFromCRL, releases a hold (5.2.4), otherwise the complete CRL's entry decides.
 */
final class CrlAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(CrlAnswers.class);
    static final String KIND = "crl";

    private final GracePeriod grace;
    private final RevocationCounters counters;

    CrlAnswers(GracePeriod grace, RevocationCounters counters) {
        this.grace = grace;
        this.counters = counters;
    }

    /**
     * @param delta the delta CRL of {@code complete}: applied, none, or named but unavailable
     * @param downloadFailure why a fresh copy could not be downloaded, when {@code complete} is an old copy kept
     *     because of that: beyond grace the answer is then UNAVAILABLE (the source is down), not UNKNOWN
     */
    SourceAnswer answer(CertificateToCheck check, HeldCrl complete, DeltaCrl delta, Instant now,
                        Optional<String> downloadFailure) {
        CertificateList crl = complete.crl();
        if (crl.issuedAfter(now)) {
            return new SourceAnswer(KIND, complete.location(), RevocationStatus.UNAVAILABLE,
                    Optional.of(crl.thisUpdate()), crl.nextUpdate(), false, Optional.empty(),
                    "unusable CRL " + complete.location() + ": " + notYetIssued(crl));
        }
        if (!usable(crl, now)) {
            String detail = expired(complete)
                    + downloadFailure.map(f -> "; download failed: " + f).orElse("");
            return new SourceAnswer(KIND, complete.location(),
                    downloadFailure.isPresent() ? RevocationStatus.UNAVAILABLE : RevocationStatus.UNKNOWN,
                    Optional.of(crl.thisUpdate()), crl.nextUpdate(), false, Optional.empty(), detail);
        }
        var serial = check.certificate().getSerialNumber();
        int entry = crl.revoked().indexOf(serial);
        if (delta.unavailable().isPresent()) {
            boolean graceUsed = usedGrace(complete, now);
            String basis = "CRL " + crl.number() + " (its " + delta.unavailable().get() + ")";
            if (entry >= 0) {
                // a revocation the complete CRL states needs no delta; only a verified delta releases a hold
                return revoked(complete, complete, crl.revoked(), entry, graceUsed, basis);
            }
            return answer(complete, complete, RevocationStatus.UNAVAILABLE, graceUsed, Optional.empty(),
                    "not revoked in " + basis);
        }
        Optional<HeldCrl> applied = delta.crl();
        boolean graceUsed = usedGrace(complete, now) | applied.map(d -> usedGrace(d, now)).orElse(false);
        HeldCrl freshest = applied.orElse(complete);
        String basis = applied.map(d -> "complete CRL " + crl.number() + " with delta CRL " + d.crl().number()
                + " (" + d.location() + ")").orElse("CRL " + crl.number());
        if (applied.isPresent()) {
            RevokedCertificates deltaEntries = applied.get().crl().revoked();
            int deltaEntry = deltaEntries.indexOf(serial);
            boolean releasable = entry < 0 || crl.revoked().reason(entry) == ReasonCode.CERTIFICATE_HOLD;
            if (deltaEntry >= 0 && deltaEntries.reason(deltaEntry) == ReasonCode.REMOVE_FROM_CRL && releasable) {
                return answer(complete, freshest, RevocationStatus.GOOD, graceUsed, Optional.empty(),
                        "not revoked: released by removeFromCRL in " + basis);
            }
            if (deltaEntry >= 0 && deltaEntries.reason(deltaEntry) != ReasonCode.REMOVE_FROM_CRL) {
                return revoked(applied.get(), freshest, deltaEntries, deltaEntry, graceUsed, basis);
            }
        }
        if (entry >= 0) {
            return revoked(complete, freshest, crl.revoked(), entry, graceUsed, basis);
        }
        return answer(complete, freshest, RevocationStatus.GOOD, graceUsed, Optional.empty(),
                "not revoked in " + basis);
    }

    /**
     * Why {@code held} cannot be used at {@code now} (thisUpdate in the future, or expired beyond grace), or
     * empty when it can.
     */
    Optional<String> unfit(HeldCrl held, Instant now) {
        if (held.crl().issuedAfter(now)) {
            return Optional.of(notYetIssued(held.crl()));
        }
        return usable(held.crl(), now) ? Optional.empty() : Optional.of(expired(held));
    }

    private static String notYetIssued(CertificateList crl) {
        return "thisUpdate " + crl.thisUpdate() + " is in the future (more than "
                + CertificateList.CLOCK_SKEW.toMinutes() + " minutes ahead)";
    }

    private String expired(HeldCrl held) {
        return "CRL " + held.location() + " expired at " + held.crl().nextUpdate().orElseThrow()
                + ", beyond the grace of " + grace.length().toHours() + " h";
    }

    private boolean usable(CertificateList crl, Instant now) {
        return crl.currentAt(now) || grace.covers(crl.nextUpdate().orElseThrow(), now);
    }

    /** Logs and counts a use of grace (issue 5: every use of grace is logged and counted). */
    private boolean usedGrace(HeldCrl held, Instant now) {
        if (held.crl().currentAt(now)) {
            return false;
        }
        LOG.warn("CRL {} expired at {}, used within grace of {} h", held.location(),
                held.crl().nextUpdate().orElseThrow(), grace.length().toHours());
        counters.crlGraceUses.incrementAndGet();
        return true;
    }

    private SourceAnswer revoked(HeldCrl decider, HeldCrl freshest, RevokedCertificates entries, int entry,
                                 boolean graceUsed, String basis) {
        RevokedEntry revoked = new RevokedEntry(Instant.ofEpochSecond(entries.revocationDate(entry)),
                ReasonCode.name(entries.reason(entry)));
        return answer(decider, freshest, RevocationStatus.REVOKED, graceUsed, Optional.of(revoked),
                "revoked (" + revoked.reason() + ") at " + revoked.revocationTime() + " in " + basis);
    }

    private static SourceAnswer answer(HeldCrl decider, HeldCrl freshest, RevocationStatus status, boolean grace,
                                       Optional<RevokedEntry> revoked, String detail) {
        return new SourceAnswer(KIND, decider.location(), status, Optional.of(freshest.crl().thisUpdate()),
                freshest.crl().nextUpdate(), grace, revoked, detail + (grace ? ", used within grace" : ""));
    }
}
