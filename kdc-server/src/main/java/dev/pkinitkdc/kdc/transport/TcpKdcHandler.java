package dev.pkinitkdc.kdc.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** RFC 4120 7.2.2: requests and replies each prefixed by a 4-byte length (framing is done before this). */
final class TcpKdcHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger LOG = LoggerFactory.getLogger(TcpKdcHandler.class);
    private final KdcRequestHandler handler;
    private final InFlightRequests inFlight;

    TcpKdcHandler(KdcRequestHandler handler, InFlightRequests inFlight) {
        this.handler = handler;
        this.inFlight = inFlight;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf frame) {
        if (!inFlight.begin()) {
            ctx.close(); // stopping: the client tries another KDC
            return;
        }
        byte[] request = ByteBufUtil.getBytes(frame);
        handler.handle((InetSocketAddress) ctx.channel().remoteAddress(), "tcp", request)
                .whenComplete((reply, failure) -> {
                    if (reply != null) {
                        ctx.writeAndFlush(Unpooled.wrappedBuffer(reply)).addListener(written -> inFlight.end());
                    } else {
                        inFlight.end();
                    }
                });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            LOG.info("TCP request from {} refused: {}", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            LOG.debug("TCP connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
