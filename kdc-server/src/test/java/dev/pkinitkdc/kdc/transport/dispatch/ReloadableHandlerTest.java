package dev.pkinitkdc.kdc.transport.dispatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.conf.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReloadableHandlerTest {
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 1);

    @Test
    void aRequestInFlightFinishesOnTheOldPipelineWhosePartsCloseOnlyAfterIt() throws Exception {
        CompletableFuture<byte[]> slow = new CompletableFuture<>();
        AtomicInteger closed = new AtomicInteger();
        ReloadableHandler live = new ReloadableHandler((peer, transport, request) -> slow);
        CompletableFuture<byte[]> inFlight = live.handle(PEER, Transport.TCP, new byte[] {1});

        live.swap((peer, transport, request) -> CompletableFuture.completedFuture(new byte[] {2}),
                closed::incrementAndGet);
        assertArrayEquals(new byte[] {2}, live.handle(PEER, Transport.TCP, new byte[] {1}).get(), "new requests: new pipeline");
        assertEquals(0, closed.get(), "the old parts are still used by the request in flight");
        assertFalse(inFlight.isDone());

        slow.complete(new byte[] {1});
        assertArrayEquals(new byte[] {1}, inFlight.get());
        assertEquals(1, closed.get(), "closed once its last request finished");
        live.close();
        assertEquals(1, closed.get(), "closed once only");
    }

    @Test
    void anIdlePipelineIsClosedAtTheSwapAndPendingOnesAtClose() throws Exception {
        AtomicInteger idleClosed = new AtomicInteger();
        AtomicInteger busyClosed = new AtomicInteger();
        ReloadableHandler live = new ReloadableHandler((peer, transport, request) -> new CompletableFuture<>());
        live.handle(PEER, Transport.UDP, new byte[0]);   // never completes
        live.swap((peer, transport, request) -> CompletableFuture.completedFuture(new byte[0]),
                busyClosed::incrementAndGet);
        live.swap((peer, transport, request) -> CompletableFuture.completedFuture(new byte[0]),
                idleClosed::incrementAndGet);
        assertEquals(1, idleClosed.get());
        assertEquals(0, busyClosed.get());
        live.close();
        assertTrue(busyClosed.get() == 1, "shutdown closes what still waits for its requests");
    }
}
