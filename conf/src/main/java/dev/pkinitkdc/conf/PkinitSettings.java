package dev.pkinitkdc.conf;

/** {@code [pkinit]}: the smallest Diffie-Hellman group accepted (RFC 4556 3.2.3.1). */
public record PkinitSettings(int dhMinBits) {
}
