package dev.pkinitkdc.kdc.support.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pkinitkdc.revocation.testing.MutableClock;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The summary line of suppressed refusals, byte for byte (pinned before issue 17's typed audit schema). */
class SuppressedAuditLineTest {
    @Test
    void theSummaryLineOfAMinuteOfUnauthenticatedRefusals() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-22T06:00:00Z"));
        Logger audit = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        audit.addAppender(lines);
        try (KdcTelemetry telemetry = KdcTelemetry.unserved(AuditLog.diagnostic(), clock)) {
            InetAddress one = InetAddress.getByName("192.0.2.7");
            for (int i = 0; i < 65; i++) {
                telemetry.inFull(NoisyRefusals.Kind.UNAUTHENTICATED, one);
                clock.advance(Duration.ofMillis(7));
            }
            clock.advance(NoisyRefusals.WINDOW);
            telemetry.inFull(NoisyRefusals.Kind.UNAUTHENTICATED, one);
        } finally {
            audit.detachAppender(lines);
        }
        assertEquals(List.of("""
                {"time":"2026-11-22T06:01:00.455Z","result":"suppressed","refused_at":"before_validation",\
                "suppressed":5,"sources":1,"since":"2026-11-22T06:00:00.000Z"}"""),
                lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList());
    }
}
