package dev.pkinitkdc.kdc.tgs;

import java.util.Locale;

/**
 * The steps of a TGS-REQ in the order {@link TgsReqProcessor} runs them (MIT's do_tgs_req.c); a refusal names the
 * step that refused, the audit line's {@code refused_at}.
 */
enum TgsStep {
    DECODE, AUTHENTICATE, SERVICE, ISSUE;

    /** {@code tgs_decode}, {@code tgs_authenticate}, {@code tgs_service} or {@code tgs_issue}. */
    String auditName() {
        return "tgs_" + name().toLowerCase(Locale.ROOT);
    }
}
