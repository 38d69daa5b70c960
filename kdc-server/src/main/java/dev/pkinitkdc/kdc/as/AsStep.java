package dev.pkinitkdc.kdc.as;

import java.util.Locale;

/**
 * The steps of an AS-REQ in the order {@link AsReqProcessor} runs them (MIT's do_as_req.c); a refusal names the
 * step that refused, the audit line's {@code refused_at}.
 */
enum AsStep {
    DECODE, PREAUTH, VALIDATE, REVOCATION, MAP, ISSUE;

    /** {@code decode}, {@code preauth}, {@code validate}, {@code revocation}, {@code map} or {@code issue}. */
    String auditName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Before the client's certificate was validated: noise anyone can send without a trusted card. */
    boolean beforeValidation() {
        return compareTo(REVOCATION) < 0;
    }
}
