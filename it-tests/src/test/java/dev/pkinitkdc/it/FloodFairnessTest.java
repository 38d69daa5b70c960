package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.KdcTransport;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16: one source floods the lab KDC with correctly signed PKINIT AS-REQs (each distinct, so the lookaside
 * cache cannot answer them and the KDC verifies every one) while another client logs on. Past
 * {@code max_pending_requests_per_source} the flood is answered with 29 at once; the other client's logons all
 * succeed. The latencies are printed for the report, never asserted.
 */
@EnabledOnOs(OS.LINUX)   // the flooder's source is 127.0.0.2, another loopback address
class FloodFairnessTest {
    private static final String FLOODER = "127.0.0.2";
    private static final int ROUNDS = 5;
    private static final int BURST = 200;

    @TempDir
    static Path dir;

    @Test
    void aFloodFromOneSourceIsShedWhileAnotherClientLogsOn() throws Exception {
        try (LabKdc kdc = LabKdc.start(dir.resolve("lab"))) {
            InetSocketAddress address = OwnClient.address(kdc.lab);
            PkinitClient bob = OwnClient.client(kdc.lab, "bob", PkinitClientOptions.defaults());
            List<List<byte[]>> bursts = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                List<byte[]> burst = new ArrayList<>();
                for (int i = 0; i < BURST; i++) {
                    burst.add(bob.newAsReq(OwnClient.principal("bob"), kdc.lab.realm()).encoded());
                }
                bursts.add(burst);
            }
            List<Long> quiet = new ArrayList<>();
            for (int i = 0; i < ROUNDS; i++) {
                quiet.add(logonMillis(kdc));
            }

            AtomicInteger shed = new AtomicInteger();
            AtomicInteger other = new AtomicInteger();
            List<Long> flooded = new ArrayList<>();
            try (DatagramSocket flooder = new DatagramSocket(new InetSocketAddress(FLOODER, 0))) {
                flooder.setSoTimeout(200);
                CompletableFuture<Void> replies = CompletableFuture.runAsync(() -> count(flooder, shed, other));
                for (List<byte[]> burst : bursts) {
                    for (byte[] request : burst) {
                        flooder.send(new DatagramPacket(request, request.length, address));
                    }
                    flooded.add(logonMillis(kdc));   // sent right behind the burst
                }
                replies.get(60, TimeUnit.SECONDS);
            }
            System.out.printf("flood fairness: own-client TCP logon ms, quiet %s, behind a %d-request burst from %s"
                            + " %s; flood replies: %d x 29 (shed), %d others, %d unanswered%n", quiet, BURST, FLOODER,
                    flooded, shed.get(), other.get(), ROUNDS * BURST - shed.get() - other.get());
            assertTrue(shed.get() > 0, "the flood was shed: " + shed.get() + " x 29, " + other.get() + " others");
        }
    }

    private static long logonMillis(LabKdc kdc) throws Exception {
        long start = System.nanoTime();
        AsExchangeResult r = OwnClient.logon(kdc.lab, "alice", "alice", PkinitClientOptions.defaults(), false);
        assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** Counts the flood's replies until none has come for 3 s (at most 60 s in all). */
    private static void count(DatagramSocket socket, AtomicInteger shed, AtomicInteger other) {
        byte[] buffer = new byte[65535];
        long quietSince = System.nanoTime();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end && System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(3)) {
            DatagramPacket p = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (java.io.IOException e) {
                return;
            }
            quietSince = System.nanoTime();
            int code = KdcTransport.errorCode(Arrays.copyOf(p.getData(), p.getLength()));
            (code == 29 ? shed : other).incrementAndGet();
        }
    }
}
