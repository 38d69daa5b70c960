package dev.pkinitkdc.kdc.transport.dispatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pkinitkdc.conf.RequestLimits;
import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.stage.encode.KrbErrorEncoder;
import dev.pkinitkdc.kdc.support.telemetry.AuditLog;
import dev.pkinitkdc.kdc.support.telemetry.CacheCounts;
import dev.pkinitkdc.kdc.support.telemetry.KdcTelemetry;
import dev.pkinitkdc.kdc.support.telemetry.TransportCounts;
import dev.pkinitkdc.kdc.transport.KdcRequestHandler;
import dev.pkinitkdc.kdc.transport.KdcServer;
import dev.pkinitkdc.pkinit.asn1.KrbErrorEncoding;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The answers the dispatch decides itself, over a real UDP listener: a reply too big for a datagram goes out as
 * KRB_ERR_RESPONSE_TOO_BIG (52) with an audit line and a count saying 52, and a retransmission gets the first
 * copy's reply bytes from the lookaside cache with a "lookaside" audit line and count. The stand-in pipeline
 * writes no audit line of its own, so every line seen here is the dispatch's.
 */
class KdcDispatchTest {
    private static final int UDP_MAX_REPLY = 1400;
    private static final byte[] BIG_REPLY = new byte[4000];
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger computed = new AtomicInteger();
    /** Request marker 1 gets a reply too big for UDP, any other "answer:N". */
    private final KdcRequestHandler pipeline = (peer, transport, request) -> {
        computed.incrementAndGet();
        return CompletableFuture.completedFuture(request[2] == 1 ? BIG_REPLY : ("answer:" + request[2]).getBytes());
    };
    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();
    private final ExecutorService workers = Executors.newSingleThreadExecutor();
    private KdcTelemetry telemetry;
    private KdcDispatch dispatch;
    private KdcServer server;

    @BeforeEach
    void start() throws Exception {
        audit.start();
        ((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).addAppender(audit);
        telemetry = KdcTelemetry.unserved();
        Clock clock = Clock.systemUTC();
        KrbErrorEncoder errors = new KrbErrorEncoder("LAB.EXAMPLE");
        dispatch = new KdcDispatch(pipeline, new LookasideCache(Duration.ofMinutes(2), 100, 1 << 20, clock,
                new CacheCounts()), new UdpReplyLimit(UDP_MAX_REPLY, errors, clock), telemetry, errors, workers,
                clock);
        RequestLimits limits = new RequestLimits(10, 10, 10, 10, Duration.ofSeconds(10), 64 * 1024);
        server = KdcServer.start(List.of(new KdcServer.Listen(Transport.UDP, "127.0.0.1", 0)), dispatch, limits,
                text -> new byte[0], new TransportCounts());
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).detachAppender(audit);
        server.close();
        workers.shutdownNow();
        telemetry.close();
    }

    @Test
    void aReplyTooBigForUdpIsSentAs52WithAnAuditLineAndCountSaying52AndTheTcpRetryGetsTheWholeReply()
            throws Exception {
        byte[] request = request(1);
        try (DatagramSocket client = client()) {
            OptionalInt code = KrbErrorEncoding.errorCode(exchange(client, request));
            assertEquals(OptionalInt.of(52), code, "KRB_ERR_RESPONSE_TOO_BIG on the wire");
        }
        JsonNode line = onlyAuditLine();
        assertEquals("refused", line.path("result").asText(), line::toString);
        assertEquals(52, line.path("error_code").asInt(), line::toString);
        assertEquals("RESPONSE_TOO_BIG", line.path("error_reason").asText(), line::toString);
        assertEquals("udp_reply_limit", line.path("refused_at").asText(), line::toString);
        assertEquals("udp", line.path("transport").asText(), line::toString);
        assertEquals(1.0, requests("refused", 52));
        assertEquals(0.0, requests("ok", 0));

        audit.list.clear();
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);
        assertArrayEquals(BIG_REPLY, dispatch.handle(peer, Transport.TCP, request).get(10, TimeUnit.SECONDS),
                "the TCP retry of the same bytes gets the whole reply");
        assertEquals("lookaside", onlyAuditLine().path("result").asText());

        audit.list.clear();
        try (DatagramSocket client = client()) {
            assertEquals(OptionalInt.of(52), KrbErrorEncoding.errorCode(exchange(client, request)));
        }
        JsonNode resent = onlyAuditLine();   // one line: the 52, marked as a reply from the cache
        assertEquals(52, resent.path("error_code").asInt(), resent::toString);
        assertEquals(true, resent.path("lookaside").asBoolean(), resent::toString);
        assertEquals(2.0, requests("refused", 52));
        assertEquals(1, computed.get(), "computed once");
    }

    @Test
    void aRetransmittedDatagramGetsTheSameReplyBytesWithOneLookasideAuditLineAndCount() throws Exception {
        byte[] first;
        byte[] second;
        try (DatagramSocket client = client()) {
            first = exchange(client, request(2));
            second = exchange(client, request(2));
        }
        assertArrayEquals("answer:2".getBytes(), first);
        assertArrayEquals(first, second, "the retransmission gets the first copy's reply");
        assertEquals(1, computed.get(), "the pipeline ran once");
        JsonNode line = onlyAuditLine();
        assertEquals("lookaside", line.path("result").asText(), line::toString);
        assertEquals("udp", line.path("transport").asText(), line::toString);
        assertEquals("127.0.0.1", line.path("client").asText(), line::toString);
        assertEquals(false, line.has("error_code"), "an AS-REP sent again has no error_code: " + line);
        assertEquals(1.0, requests("lookaside", 0));
    }

    @Test
    void retransmissionsFromOneSourceGetLinesOnlyUpToTheNoiseBudgetButAreAllCounted() throws Exception {
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);
        int resent = 100;
        for (int i = 0; i <= resent; i++) {
            byte[] reply = dispatch.handle(peer, Transport.TCP, request(3)).get(10, TimeUnit.SECONDS);
            assertArrayEquals("answer:3".getBytes(), reply);
        }
        assertEquals(1, computed.get());
        assertEquals(60, audit.list.size(), "NoisyRefusals.Kind.LOOKASIDE: 60 lines a minute from one source");
        assertEquals(resent, requests("lookaside", 0));
    }

    /** The one audit line written so far (the dispatch writes it before the reply goes out). */
    private JsonNode onlyAuditLine() throws Exception {
        assertEquals(1, audit.list.size(), () -> audit.list.toString());
        return JSON.readTree(audit.list.get(0).getFormattedMessage());
    }

    private double requests(String result, int code) {
        return telemetry.metrics().registry().scrape().stream()
                .filter(s -> s.getMetadata().getName().equals("pkinit_kdc_requests"))
                .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
                .filter(d -> result.equals(d.getLabels().get("result"))
                        && Integer.toString(code).equals(d.getLabels().get("code")))
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }

    /** Bytes that start like an AS-REQ (so the listener hands them on), told apart by {@code marker}. */
    private static byte[] request(int marker) {
        return new byte[] {0x6a, 0x03, (byte) marker, 0x01, 0x05};
    }

    private static DatagramSocket client() throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        s.setSoTimeout(10_000);
        return s;
    }

    private byte[] exchange(DatagramSocket client, byte[] request) throws Exception {
        InetSocketAddress kdc = new InetSocketAddress("127.0.0.1", server.bound().get(0).port());
        client.send(new DatagramPacket(request, request.length, kdc));
        DatagramPacket reply = new DatagramPacket(new byte[8192], 8192);
        client.receive(reply);
        return Arrays.copyOf(reply.getData(), reply.getLength());
    }
}
