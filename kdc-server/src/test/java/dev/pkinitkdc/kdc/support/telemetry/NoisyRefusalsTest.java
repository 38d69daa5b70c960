package dev.pkinitkdc.kdc.support.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pkinitkdc.revocation.testing.MutableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The first undecodable requests of a minute in full, the rest counted and summarised once the minute is over. */
class NoisyRefusalsTest {
    private static InetAddress source(int n) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, (byte) (n >> 16), (byte) (n >> 8), (byte) n});
    }

    @Test
    void aFloodGetsAFewLinesThenOneSummaryAMinute() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T06:00:00Z"));
        NoisyRefusals noise = new NoisyRefusals(NoisyRefusals.Kind.UNDECODABLE, clock, new PrometheusRegistry());
        List<Boolean> inFull = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            NoisyRefusals.Admission a = noise.admit(source(i % 3));
            assertTrue(a.closed().isEmpty());
            inFull.add(a.inFull());
        }
        assertEquals(NoisyRefusals.Kind.UNDECODABLE.inFullPerWindow, inFull.stream().filter(b -> b).count());
        assertTrue(inFull.subList(0, NoisyRefusals.Kind.UNDECODABLE.inFullPerWindow).stream().allMatch(b -> b), "the first");

        clock.advance(Duration.ofSeconds(59));
        assertEquals(Optional.empty(), noise.closeIfOver(), "the minute is not over");
        clock.advance(Duration.ofSeconds(1));
        NoisyRefusals.Summary s = noise.closeIfOver().orElseThrow();
        assertEquals(1000 - NoisyRefusals.Kind.UNDECODABLE.inFullPerWindow, s.suppressed());
        assertEquals(3, s.sources());
        assertTrue(s.sentence().startsWith("990 undecodable requests from 3 sources suppressed"), s.sentence());

        assertTrue(noise.admit(source(7)).inFull(), "a new minute logs its first requests again");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(Optional.empty(), noise.closeIfOver(), "nothing suppressed, nothing to say");
    }

    @Test
    void theSourcesRememberedAreBounded() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T06:00:00Z"));
        NoisyRefusals noise = new NoisyRefusals(NoisyRefusals.Kind.UNDECODABLE, clock, new PrometheusRegistry());
        int sent = NoisyRefusals.Kind.UNDECODABLE.inFullPerWindow + NoisyRefusals.MAX_SOURCES + 50;
        for (int i = 0; i < sent; i++) {
            noise.admit(source(i));
        }
        clock.advance(NoisyRefusals.WINDOW);
        NoisyRefusals.Admission next = noise.admit(null);
        NoisyRefusals.Summary s = next.closed().orElseThrow(() -> new AssertionError("closed by a request"));
        assertEquals(NoisyRefusals.MAX_SOURCES, s.sources());
        assertTrue(s.sourcesCapped());
        assertTrue(s.sentence().contains("from at least " + NoisyRefusals.MAX_SOURCES + " sources"));
        assertTrue(next.inFull(), "the first request of the new minute");
    }

    @Test
    void theSummaryIsOneAuditLineAndOneLogLine() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T06:00:00Z"));
        ch.qos.logback.classic.Logger auditLogger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                AuditLog.LOGGER);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        auditLogger.addAppender(lines);
        try (KdcTelemetry telemetry = KdcTelemetry.unserved(AuditLog.diagnostic(), clock)) {
            for (int i = 0; i < 100; i++) {
                telemetry.inFull(NoisyRefusals.Kind.UNDECODABLE, source(i));
            }
            assertEquals(List.of(), lines.list, "the in-full requests' lines are the pipeline's to write");
            clock.advance(NoisyRefusals.WINDOW);
            assertTrue(telemetry.inFull(NoisyRefusals.Kind.UNDECODABLE, source(1)));
            assertEquals(1, lines.list.size());
            String summary = lines.list.get(0).getFormattedMessage();
            assertTrue(summary.contains("\"result\":\"suppressed\"") && summary.contains("\"suppressed\":90")
                    && summary.contains("\"sources\":90"), summary);
        } finally {
            auditLogger.detachAppender(lines);
        }
    }

    /** PREAUTH_REQUIRED, bad signatures, untrusted certificates: a flood from one source gets 60 lines a minute. */
    @Test
    void refusalsBeforeValidationAreBudgetedPerSourceAndInAll() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T06:00:00Z"));
        NoisyRefusals noise = new NoisyRefusals(NoisyRefusals.Kind.UNAUTHENTICATED, clock, new PrometheusRegistry());
        NoisyRefusals.Kind kind = NoisyRefusals.Kind.UNAUTHENTICATED;
        long flood = java.util.stream.IntStream.range(0, 5000).filter(i -> admit(noise, 1)).count();
        assertEquals(kind.inFullPerSource, flood, "one flooding source");
        assertTrue(admit(noise, 2), "another client's refusal is still written in full");
        long many = java.util.stream.IntStream.range(3, 5000).filter(i -> admit(noise, i)).count();
        assertEquals(kind.inFullPerWindow - kind.inFullPerSource - 1, many, "all sources together");
        clock.advance(NoisyRefusals.WINDOW);
        NoisyRefusals.Admission next = noise.admit(source(1));
        assertTrue(next.inFull(), "a new minute, a new budget");
        NoisyRefusals.Summary s = next.closed().orElseThrow();
        assertEquals(5000 - kind.inFullPerSource + 4997 - (kind.inFullPerWindow - kind.inFullPerSource - 1),
                s.suppressed());
        assertTrue(s.sentence().contains("refusals before the client's certificate was validated"), s.sentence());
    }

    private static boolean admit(NoisyRefusals noise, int source) {
        try {
            return noise.admit(source(source)).inFull();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
