package dev.pkinitkdc.kdc.stage.trust.ntauth;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code cACertificate} values of the NTAuth object, read one by one: the certificates among them, and the
 * values that are none, each named by position and size. Active Directory keeps a single 0x00 byte when the last
 * CA is removed (the attribute is mandatory on the pkiCA-like NTAuth object, MS-ADSC certificationAuthority), so
 * that placeholder means "no CA"; any other value that does not parse is skipped, never fatal for the others.
 */
public record CaCertificateValues(List<X509Certificate> certificates, List<Skipped> skipped) {
    public CaCertificateValues {
        certificates = List.copyOf(certificates);
        skipped = List.copyOf(skipped);
    }

    /** A value that is not a certificate: its 1-based position among {@code of} values, size, and why. */
    record Skipped(int index, int of, int size, boolean placeholder, String reason) {
        /** {@code value 1 of 2 (300 bytes): ...}, for the log; the bytes themselves are not shown. */
        String describe() {
            return "value " + index + " of " + of + " (" + size + (size == 1 ? " byte" : " bytes") + "): "
                    + (placeholder ? "AD's placeholder for an empty store (no CA)" : "not a certificate (" + reason
                    + "); skipped, the other values are used");
        }
    }

    public static CaCertificateValues read(List<byte[]> values) {
        List<X509Certificate> certificates = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            byte[] der = values.get(i);
            if (isPlaceholder(der)) {
                skipped.add(new Skipped(i + 1, values.size(), der.length, true, "placeholder"));
                continue;
            }
            try {
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | RuntimeException e) {
                skipped.add(new Skipped(i + 1, values.size(), der.length, false, reason(e)));
            }
        }
        return new CaCertificateValues(certificates, skipped);
    }

    /** The parser's message on one line, at most 120 characters: for the operator's log, never the client. */
    private static String reason(Exception e) {
        String text = String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        return text.length() <= 120 ? text : text.substring(0, 117) + "...";
    }

    /** AD's value for "no CA left": one 0x00 byte (an empty value is taken the same way). */
    static boolean isPlaceholder(byte[] value) {
        return value.length == 0 || value.length == 1 && value[0] == 0;
    }

    /** Whether the values hold no CA at all: the store they make is empty. */
    boolean noCa() {
        return certificates.isEmpty();
    }
}
