package dev.pkinitkdc.kdc.transport;

import dev.pkinitkdc.conf.RequestLimits;
import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.support.ThrottledLog;
import dev.pkinitkdc.kdc.support.telemetry.TransportCounts.Refusal;
import dev.pkinitkdc.kdc.support.telemetry.TransportCounts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 4120 7.2.2: requests and replies each prefixed by a 4-byte length. This handler frames the requests itself,
 * one at a time: while a request is being answered nothing more is read from the connection (the socket buffer
 * fills and TCP pushes back), so pipelined requests are answered in order and one connection never has more than
 * one request in the pipeline, as in MIT's krb5kdc (net-server.c reads the next request after the reply is sent).
 *
 * <p>Each request must arrive whole within {@code tcp_frame_deadline} of its first byte, however slowly it drips
 * in (an idle timer alone would be reset by every byte). A length above {@code max_request_size}, or with the
 * reserved high bit set, gets KRB_ERR_FIELD_TOOLONG and the connection is closed (RFC 4120 7.2.2; MIT does the
 * same for lengths over its 1 MiB buffer). A request that is not an AS-REQ or TGS-REQ closes the connection
 * without a reply, as MIT's does.
 */
final class TcpKdcHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TcpKdcHandler.class);

    private final KdcRequestHandler handler;
    private final InFlightRequests inFlight;
    private final RequestLimits limits;
    private final ListenerErrors errors;
    private final TransportCounts counts;
    private final ThrottledLog refusals;
    /** Bytes read and not yet handed on: the request being read, and when the client pipelines, what follows. */
    private ByteBuf received;
    /** A request of this connection is being answered: nothing is framed or read until its reply is written. */
    private boolean answering;
    /** Closes the connection when the request being read is not whole in time; null while none is being read. */
    private ScheduledFuture<?> deadline;

    TcpKdcHandler(KdcRequestHandler handler, InFlightRequests inFlight, RequestLimits limits, ListenerErrors errors,
                  TransportCounts counts, ThrottledLog refusals) {
        this.handler = handler;
        this.inFlight = inFlight;
        this.limits = limits;
        this.errors = errors;
        this.counts = counts;
        this.refusals = refusals;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        received = ctx.alloc().buffer(1024);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stopDeadline();
        received.release();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        try {
            if (received.readableBytes() + (long) bytes.readableBytes() > 2L * (limits.maxRequestSize() + 4)) {
                // reading stops while a request is answered, so only a read already under way gets here
                LOG.debug("TCP connection from {} closed: too many bytes ahead of the reply", peer(ctx));
                ctx.close();
                return;
            }
            received.writeBytes(bytes);
        } finally {
            bytes.release();
        }
        frame(ctx);
    }

    /** Hands on the next whole request, if one has arrived and none is being answered; else waits for more. */
    private void frame(ChannelHandlerContext ctx) {
        if (answering || !ctx.channel().isActive()) {
            return;
        }
        if (received.readableBytes() >= 4) {
            long length = received.getUnsignedInt(received.readerIndex());
            if (length > limits.maxRequestSize()) {   // the reserved high bit makes it over 2^31, so over any limit
                tooLong(ctx, length);
                return;
            }
            if (received.readableBytes() >= 4 + length) {
                stopDeadline();
                received.skipBytes(4);
                byte[] request = new byte[(int) length];
                received.readBytes(request);
                received.discardReadBytes();
                dispatch(ctx, request);
                return;
            }
        }
        if (received.isReadable() && deadline == null) {
            deadline = ctx.executor().schedule(() -> late(ctx), limits.tcpFrameDeadline().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, byte[] request) {
        if (request.length == 0 || !KdcReqTag.isKdcReq(request[0])) {
            counts.refused(Refusal.TCP_NOT_KERBEROS);
            refusals.info("TCP connection from {} closed: {} bytes that are not an AS-REQ or TGS-REQ", peer(ctx),
                    request.length);
            ctx.close();
            return;
        }
        if (!inFlight.begin()) {
            ctx.close(); // stopping: the client tries another KDC
            return;
        }
        answering = true;
        ctx.channel().config().setAutoRead(false);
        CompletableFuture<byte[]> reply;
        try {
            reply = handler.handle((InetSocketAddress) ctx.channel().remoteAddress(), Transport.TCP, request);
        } catch (RuntimeException e) {
            inFlight.end();
            LOG.warn("TCP request from {} failed: {}", peer(ctx), e.toString());
            ctx.close();
            return;
        }
        reply.whenComplete((bytes, failure) -> {
            if (bytes == null) {
                inFlight.end();
                ctx.close();
                return;
            }
            ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(written -> {
                inFlight.end();
                if (written.isSuccess()) {
                    answered(ctx);
                }
            });
        });
    }

    /** The reply is written: the next request may be read (runs on the connection's event loop). */
    private void answered(ChannelHandlerContext ctx) {
        answering = false;
        ctx.channel().config().setAutoRead(true);
        frame(ctx);
    }

    private void tooLong(ChannelHandlerContext ctx, long length) {
        counts.refused(Refusal.TCP_FRAME_TOO_LONG);
        String text = "request length " + length + " exceeds the limit of " + limits.maxRequestSize() + " bytes";
        refusals.info("TCP request from {} refused with 61 (KRB_ERR_FIELD_TOOLONG): {}", peer(ctx), text);
        answering = true;   // nothing more is framed; the connection closes once the error is written
        ctx.channel().config().setAutoRead(false);
        stopDeadline();
        received.clear();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(errors.fieldTooLong(text))).addListener(ChannelFutureListener.CLOSE);
    }

    private void late(ChannelHandlerContext ctx) {
        deadline = null;
        counts.refused(Refusal.TCP_FRAME_DEADLINE);
        refusals.info("TCP connection from {} closed: {} bytes of a request in {} s, not the whole request",
                peer(ctx), received.readableBytes(), limits.tcpFrameDeadline().toSeconds());
        ctx.close();
    }

    private void stopDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("TCP connection from {} closed: {}", peer(ctx), cause.toString());
        ctx.close();
    }

    private static String peer(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "-";
    }
}
