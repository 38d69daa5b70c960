package dev.pkinitkdc.kdc.transport;

import dev.pkinitkdc.conf.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/** What the network layer hands a request to; completes with the reply bytes off the event loop. */
@FunctionalInterface
public interface KdcRequestHandler {
    CompletableFuture<byte[]> handle(InetSocketAddress peer, Transport transport, byte[] request);
}
