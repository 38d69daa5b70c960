package dev.pkinitkdc.kdc.transport.dispatch;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.transport.KdcReqTag;
import dev.pkinitkdc.kdc.transport.KdcRequestHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Chooses the processor by the message's application tag (RFC 4120 5.4.1, MIT's dispatch.c): [APPLICATION 12]
 * to the TGS-REQ processor, anything else (an AS-REQ, [APPLICATION 10]) to the AS-REQ processor. One router is one
 * generation of {@link ReloadableHandler}: a reload swaps both processors at once.
 */
public record RequestTypeRouter(KdcRequestHandler as, KdcRequestHandler tgs) implements KdcRequestHandler {
    @Override
    public CompletableFuture<byte[]> handle(InetSocketAddress peer, Transport transport, byte[] request) {
        return KdcReqTag.isTgsReq(request) ? tgs.handle(peer, transport, request)
                : as.handle(peer, transport, request);
    }
}
