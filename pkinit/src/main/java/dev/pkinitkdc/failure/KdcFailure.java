package dev.pkinitkdc.failure;

import java.util.Objects;

/**
 * The one failure type of the AS-REQ pipeline. Every stage throws (or completes exceptionally with) a
 * KdcFailure; the encode stage turns it into a KRB-ERROR. It carries two texts: {@link #text()}, the full reason for
 * the log and the audit line, and {@link #eText()}, what the client is told in the KRB-ERROR's e-text (RFC 4120
 * 5.9.1). The e-text speaks of the client's own certificate and request only: no other account's DN, name or SID,
 * no directory or NTAuth DN, no krbtgt kvno, no parser exception text. Unless a site says its text is such a text
 * ({@link #shown}, or the constructor with an e-text), the e-text is the fixed sentence of the reason
 * ({@link ETexts#of}). Neither text may contain key material.
 */
public class KdcFailure extends Exception {
    private final FailureReason reason;
    private final String text;
    private final String eText;
    private final byte[] eData;

    /** The client is told the reason's fixed sentence; {@code text} goes to the log and the audit line only. */
    public KdcFailure(FailureReason reason, String text) {
        this(reason, text, null, null);
    }

    public KdcFailure(FailureReason reason, String text, Throwable cause) {
        this(reason, text, null, cause);
    }

    /** @param eData DER of the KRB-ERROR e-data (e.g. TYPED-DATA, RFC 4556 3.2.2), or null */
    public KdcFailure(FailureReason reason, String text, byte[] eData, Throwable cause) {
        this(reason, text, ETexts.of(reason), eData, cause);
    }

    /**
     * @param eText what the client is told: about its own certificate and request only
     * @param eData DER of the KRB-ERROR e-data (e.g. TYPED-DATA, RFC 4556 3.2.2), or null
     */
    public KdcFailure(FailureReason reason, String text, String eText, byte[] eData, Throwable cause) {
        super(reason + ": " + text, cause);
        this.reason = Objects.requireNonNull(reason);
        this.text = Objects.requireNonNull(text);
        this.eText = Objects.requireNonNull(eText);
        this.eData = eData == null ? null : eData.clone();
    }

    /** A failure whose text speaks only of the client's own certificate and request, so the client is told it. */
    public static KdcFailure shown(FailureReason reason, String text) {
        return new KdcFailure(reason, text, text, null, null);
    }

    /** As {@link #shown(FailureReason, String)}, with the KRB-ERROR e-data. */
    public static KdcFailure shown(FailureReason reason, String text, byte[] eData) {
        return new KdcFailure(reason, text, text, eData, null);
    }

    public FailureReason reason() {
        return reason;
    }

    /** The full reason, for the log and the audit line. */
    public String text() {
        return text;
    }

    /** What the client is told (KRB-ERROR e-text), unless the KDC runs with {@code [kdc] verbose_e_text}. */
    public String eText() {
        return eText;
    }

    public byte[] eData() {
        return eData == null ? null : eData.clone();
    }
}
