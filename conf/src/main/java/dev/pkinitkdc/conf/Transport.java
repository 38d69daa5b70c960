package dev.pkinitkdc.conf;

/** The transport of a KDC listen address (RFC 4120 7.2.1, 7.2.2). */
public enum Transport {
    UDP, TCP
}
