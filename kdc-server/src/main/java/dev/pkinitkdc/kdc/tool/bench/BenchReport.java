package dev.pkinitkdc.kdc.tool.bench;

import dev.pkinitkdc.conf.Transport;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * What one bench run measured in its window.
 *
 * @param load "concurrency N" or "rate R/s"
 * @param completed replies and failures that arrived in the window
 * @param outcomes by name: "ok", KRB-ERROR codes ("75"), "timeout", "io", "malformed", "verify"
 * @param latencyMs p50, p90, p99, p99.9 and max, milliseconds
 * @param kdcCpuMsPerRequest the KDC's CPU time over the window divided by {@code completed}, with --kdc-pid
 * @param prebuilt requests built and signed before the window
 * @param builtDuringRun requests built after the stock ran out (their crypto competed with the KDC)
 * @param tcpRetries UDP requests retried over TCP after KRB_ERR_RESPONSE_TOO_BIG (RFC 4120 7.2.1)
 */
record BenchReport(String kdc, Transport transport, String kx, String load, double windowSeconds, long completed,
                   Map<String, Long> outcomes, double throughput, Map<String, Double> latencyMs,
                   OptionalDouble kdcCpuMsPerRequest, long prebuilt, long builtDuringRun, long tcpRetries) {

    static Map<String, Double> percentiles(Histogram microseconds) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (double p : new double[] {50, 90, 99, 99.9}) {
            out.put("p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)),
                    microseconds.getValueAtPercentile(p) / 1000.0);
        }
        out.put("max", microseconds.getMaxValue() / 1000.0);
        return out;
    }

    long errors() {
        return completed - outcomes.getOrDefault(BenchStats.OK, 0L);
    }

    Map<String, Long> errorsByCode() {
        Map<String, Long> out = new LinkedHashMap<>(outcomes);
        out.remove(BenchStats.OK);
        return out;
    }

    String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "bench %s over %s, kx %s, %s, window %.1f s%n", kdc, transport.scheme(), kx,
                load, windowSeconds));
        b.append(String.format(Locale.ROOT, "  completed   %d (%d errors)%n", completed, errors()));
        b.append(String.format(Locale.ROOT, "  throughput  %.1f req/s%n", throughput));
        b.append("  errors      ").append(errorsByCode().isEmpty() ? "none" : errorsByCode().entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", "))).append('\n');
        b.append("  latency ms  ").append(latencyMs.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "))).append('\n');
        kdcCpuMsPerRequest.ifPresent(cpu -> b.append(String.format(Locale.ROOT, "  KDC CPU     %.3f ms/request%n",
                cpu)));
        b.append(String.format(Locale.ROOT, "  requests    %d prebuilt, %d built during the run, %d retried over TCP%n",
                prebuilt, builtDuringRun, tcpRetries));
        return b.toString();
    }

    String json() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("kdc", kdc);
        fields.put("transport", transport.scheme());
        fields.put("kx", kx);
        fields.put("load", load);
        fields.put("windowSeconds", windowSeconds);
        fields.put("completed", completed);
        fields.put("errors", errors());
        fields.put("throughput", throughput);
        fields.put("errorsByCode", errorsByCode());
        fields.put("latencyMs", latencyMs);
        fields.put("kdcCpuMsPerRequest", kdcCpuMsPerRequest.isPresent() ? kdcCpuMsPerRequest.getAsDouble() : null);
        fields.put("prebuilt", prebuilt);
        fields.put("builtDuringRun", builtDuringRun);
        fields.put("tcpRetries", tcpRetries);
        return value(fields) + "\n";
    }

    /** JSON (RFC 8259) of strings, numbers, null and maps of them; keys and strings here need no escapes but ". */
    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> value(e.getKey().toString()) + ": " + value(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.3f", d);
        }
        if (v instanceof Number) {
            return v.toString();
        }
        return "\"" + v.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
