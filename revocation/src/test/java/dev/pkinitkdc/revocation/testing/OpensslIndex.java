package dev.pkinitkdc.revocation.testing;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * An OpenSSL CA database ({@code index.txt}) as {@code openssl ocsp -index} reads it: one tab-separated line per
 * certificate, {@code V|R, notAfter, revocationDate[,reason], serial (upper-case hex), filename, subject}.
 * Serials not listed are answered "unknown".
 */
public final class OpensslIndex {
    /** Reason names as OpenSSL's {@code ca} and {@code ocsp} spell them (apps/ca.c crl_reasons). */
    public static final String KEY_COMPROMISE = "keyCompromise";
    public static final String CA_COMPROMISE = "CACompromise";
    public static final String SUPERSEDED = "superseded";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final List<String> lines = new ArrayList<>();

    public OpensslIndex valid(X509Certificate certificate) {
        lines.add(line("V", certificate, ""));
        return this;
    }

    /** @param reason an OpenSSL reason name, e.g. {@link #KEY_COMPROMISE}, or {@code null} for none */
    public OpensslIndex revoked(X509Certificate certificate, Instant revocationDate, String reason) {
        String revocation = UTC_TIME.format(revocationDate) + (reason == null ? "" : "," + reason);
        lines.add(line("R", certificate, revocation));
        return this;
    }

    public String render() {
        return lines.stream().map(l -> l + "\n").reduce("", String::concat);
    }

    /** OpenSSL's BN_bn2hex form: whole bytes, upper case, no sign byte. */
    public static String serialHex(BigInteger serial) {
        byte[] bytes = serial.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    private static String line(String flag, X509Certificate certificate, String revocation) {
        return String.join("\t", flag, UTC_TIME.format(certificate.getNotAfter().toInstant()), revocation,
                serialHex(certificate.getSerialNumber()), "unknown", oneline(certificate));
    }

    /** The subject in OpenSSL's old "/C=../CN=.." form (most significant RDN first), as {@code openssl ca} writes it. */
    private static String oneline(X509Certificate certificate) {
        List<String> rdns = new ArrayList<>(List.of(certificate.getSubjectX500Principal().getName().split(",")));
        java.util.Collections.reverse(rdns);
        return "/" + String.join("/", rdns);
    }
}
