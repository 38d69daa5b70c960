package dev.pkinitkdc.kdc.transport;

/** The one KRB-ERROR the listeners write themselves, before anything reaches the request handler. */
@FunctionalInterface
public interface ListenerErrors {
    /** KRB_ERR_FIELD_TOOLONG (61) with {@code text} as e-text: RFC 4120 7.2.2, a TCP length this KDC refuses. */
    byte[] fieldTooLong(String text);
}
