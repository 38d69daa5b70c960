package dev.pkinitkdc.failure;

import java.util.Objects;

/**
 * The one failure type of the AS-REQ pipeline. Every stage throws (or completes exceptionally with) a
 * KdcFailure; the encode stage turns it into a KRB-ERROR. {@link #text()} goes on the wire as e-text and into
 * the log line, so it must never contain key material.
 */
public class KdcFailure extends Exception {
    private final FailureReason reason;
    private final String text;
    private final byte[] eData;

    public KdcFailure(FailureReason reason, String text) {
        this(reason, text, null, null);
    }

    public KdcFailure(FailureReason reason, String text, Throwable cause) {
        this(reason, text, null, cause);
    }

    /** @param eData DER of the KRB-ERROR e-data (e.g. TYPED-DATA, RFC 4556 3.2.2), or null */
    public KdcFailure(FailureReason reason, String text, byte[] eData, Throwable cause) {
        super(reason + ": " + text, cause);
        this.reason = Objects.requireNonNull(reason);
        this.text = Objects.requireNonNull(text);
        this.eData = eData == null ? null : eData.clone();
    }

    public FailureReason reason() {
        return reason;
    }

    public String text() {
        return text;
    }

    public byte[] eData() {
        return eData == null ? null : eData.clone();
    }
}
