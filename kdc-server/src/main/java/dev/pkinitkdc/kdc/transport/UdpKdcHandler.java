package dev.pkinitkdc.kdc.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/** RFC 4120 7.2.1: one request per datagram, one reply datagram to the sender. */
final class UdpKdcHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final KdcRequestHandler handler;
    private final InFlightRequests inFlight;

    UdpKdcHandler(KdcRequestHandler handler, InFlightRequests inFlight) {
        this.handler = handler;
        this.inFlight = inFlight;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        if (!inFlight.begin()) {
            return; // stopping: dropped, the client retries another KDC
        }
        byte[] request = ByteBufUtil.getBytes(packet.content());
        InetSocketAddress sender = packet.sender();
        handler.handle(sender, "udp", request).whenComplete((reply, failure) -> {
            if (reply != null) {
                ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply), sender))
                        .addListener(written -> inFlight.end());
            } else {
                inFlight.end();
            }
        });
    }
}
