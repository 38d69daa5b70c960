package dev.pkinitkdc.kdc.transport;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.support.ThrottledLog;
import dev.pkinitkdc.kdc.support.telemetry.TransportCounts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/**
 * RFC 4120 7.2.1: one request per datagram, one reply datagram to the sender. A datagram that does not start like
 * an AS-REQ or TGS-REQ gets no reply at all (as MIT's krb5kdc): its sender address may be forged, and answering
 * would make the KDC a reflector.
 */
final class UdpKdcHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final KdcRequestHandler handler;
    private final InFlightRequests inFlight;
    private final TransportCounts counts;
    private final ThrottledLog refusals;

    UdpKdcHandler(KdcRequestHandler handler, InFlightRequests inFlight, TransportCounts counts,
                  ThrottledLog refusals) {
        this.handler = handler;
        this.inFlight = inFlight;
        this.counts = counts;
        this.refusals = refusals;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        InetSocketAddress sender = packet.sender();
        if (!content.isReadable() || !KdcReqTag.isKdcReq(content.getByte(content.readerIndex()))) {
            counts.refused(TransportCounts.Refusal.UDP_NOT_KERBEROS);
            refusals.info("UDP datagram of {} bytes from {} dropped: not an AS-REQ or TGS-REQ",
                    content.readableBytes(), sender.getAddress().getHostAddress());
            return;
        }
        if (!inFlight.begin()) {
            return; // stopping: dropped, the client retries another KDC
        }
        byte[] request = ByteBufUtil.getBytes(content);
        handler.handle(sender, Transport.UDP, request).whenComplete((reply, failure) -> {
            if (reply != null && reply.length > 0) {   // empty: AsReqProcessor.NO_REPLY
                ctx.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(reply), sender))
                        .addListener(written -> inFlight.end());
            } else {
                inFlight.end();
            }
        });
    }
}
