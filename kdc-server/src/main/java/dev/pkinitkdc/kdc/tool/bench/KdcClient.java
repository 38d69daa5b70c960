package dev.pkinitkdc.kdc.tool.bench;

import dev.pkinitkdc.kdc.support.DaemonThreads;
import dev.pkinitkdc.kdc.support.netty.NettyTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.AttributeKey;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A non-blocking Kerberos client for many requests in flight on one event loop: TCP with a new connection per
 * request, as kinit does (RFC 4120 7.2.2, 4-byte length prefix), and UDP on a pool of sockets each carrying one
 * request at a time (7.2.1; a KRB-ERROR carries no nonce to match replies with, so a socket is the match).
 */
final class KdcClient implements AutoCloseable {
    private static final AttributeKey<CompletableFuture<byte[]>> REPLY = AttributeKey.valueOf("bench-reply");
    private static final int MAX_TCP_MESSAGE = 1 << 20;

    private final InetSocketAddress kdc;
    private final Duration timeout;
    private final NettyTransport transport = NettyTransport.best();
    private final EventLoopGroup loop = transport.group(1, DaemonThreads.named("bench-io"));
    private final Bootstrap tcp;
    private final Bootstrap udp;
    private final ConcurrentLinkedQueue<Channel> idleUdp = new ConcurrentLinkedQueue<>();

    KdcClient(InetSocketAddress kdc, Duration timeout) {
        this.kdc = kdc;
        this.timeout = timeout;
        this.tcp = new Bootstrap().group(loop).channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_LINGER, 0) // close with RST: no TIME_WAIT pile-up at high rates
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_TCP_MESSAGE, 0, 4, 0, 4),
                                new ReplyHandler<ByteBuf>(ByteBuf.class));
                    }
                });
        this.udp = new Bootstrap().group(loop).channel(transport.datagramChannel())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ReplyHandler<DatagramPacket>(DatagramPacket.class));
                    }
                });
    }

    /** One request over a new TCP connection; the reply, or a failure (refused, reset, timeout). */
    CompletableFuture<byte[]> tcp(byte[] request) {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        ChannelFuture connect = tcp.connect(kdc);
        Channel ch = connect.channel();
        ch.attr(REPLY).set(reply);
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                reply.completeExceptionally(f.cause());
                return;
            }
            ByteBuf frame = ch.alloc().buffer(4 + request.length).writeInt(request.length).writeBytes(request);
            ch.writeAndFlush(frame);
        });
        expire(ch, reply);
        reply.whenComplete((r, e) -> ch.close());
        return reply;
    }

    /** One request in one datagram on an idle socket of the pool (or a new one). */
    CompletableFuture<byte[]> udp(byte[] request) {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        Channel idle = idleUdp.poll();
        if (idle != null && idle.isActive()) {
            sendDatagram(idle, request, reply);
        } else {
            udp.bind(0).addListener((ChannelFuture f) -> {
                if (f.isSuccess()) {
                    sendDatagram(f.channel(), request, reply);
                } else {
                    reply.completeExceptionally(f.cause());
                }
            });
        }
        return reply;
    }

    private void sendDatagram(Channel ch, byte[] request, CompletableFuture<byte[]> reply) {
        ch.attr(REPLY).set(reply);
        ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(request), kdc));
        expire(ch, reply);
        reply.whenComplete((r, e) -> {
            if (e == null) {
                idleUdp.add(ch);
            } else {
                ch.close(); // a late reply must not answer the socket's next request
            }
        });
    }

    private void expire(Channel ch, CompletableFuture<byte[]> reply) {
        var timer = ch.eventLoop().schedule(() -> reply.completeExceptionally(new TimeoutException()),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        reply.whenComplete((r, e) -> timer.cancel(false));
    }

    /** The event loop, where a closed-loop slot sends its next request without a thread hop. */
    Executor executor() {
        return loop;
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Completes the channel's pending reply with the first message (a TCP frame, or a datagram). */
    private static final class ReplyHandler<T> extends SimpleChannelInboundHandler<T> {
        ReplyHandler(Class<T> type) {
            super(type);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, T msg) {
            ByteBuf content = msg instanceof DatagramPacket p ? p.content() : (ByteBuf) msg;
            CompletableFuture<byte[]> reply = ctx.channel().attr(REPLY).get();
            if (reply != null) {
                reply.complete(ByteBufUtil.getBytes(content));
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            CompletableFuture<byte[]> reply = ctx.channel().attr(REPLY).get();
            if (reply != null && !reply.isDone()) { // the usual close after a reply costs no exception
                reply.completeExceptionally(new java.io.IOException("connection closed before the reply"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, cause);
            ctx.close();
        }

        private static void fail(ChannelHandlerContext ctx, Throwable cause) {
            CompletableFuture<byte[]> reply = ctx.channel().attr(REPLY).get();
            if (reply != null) {
                reply.completeExceptionally(cause);
            }
        }
    }
}
