package dev.pkinitkdc.kdc.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KDC's UDP and TCP listeners (RFC 4120 7.2). Event loops only frame and hand off; the request handler
 * completes replies on its own threads.
 */
public final class KdcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KdcServer.class);
    /** Largest TCP request accepted; PKINIT requests with certificate chains stay far below it. */
    static final int MAX_TCP_REQUEST = 256 * 1024;
    private static final int TCP_IDLE_SECONDS = 30;
    /** Largest UDP payload (IPv4 65535 - 8 - 20). */
    static final int MAX_UDP_DATAGRAM = 65507;

    /** A listen address; port 0 binds any free port, and a UDP listener then shares the TCP listener's port. */
    public record Listen(boolean udp, String host, int port) {
    }

    private final NettyTransport transport;
    private final EventLoopGroup loops;
    private final List<Channel> channels = new ArrayList<>();
    private final InFlightRequests inFlight = new InFlightRequests();
    private final List<Listen> bound = new ArrayList<>();

    private KdcServer(NettyTransport transport) {
        this.transport = transport;
        this.loops = transport.group(Math.max(1, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("kdc-io"));
    }

    public static KdcServer start(List<Listen> listen, KdcRequestHandler handler) throws InterruptedException {
        return start(listen, handler, NettyTransport.best());
    }

    static KdcServer start(List<Listen> listen, KdcRequestHandler handler, NettyTransport transport)
            throws InterruptedException {
        KdcServer server = new KdcServer(transport);
        try {
            // TCP first, so a UDP listener on port 0 can take the same port number
            for (Listen l : listen.stream().filter(l -> !l.udp()).toList()) {
                server.bindTcp(l, handler);
            }
            for (Listen l : listen.stream().filter(Listen::udp).toList()) {
                int port = l.port() != 0 ? l.port() : server.tcpPortOn(l.host());
                server.bindUdp(new Listen(true, l.host(), port), handler);
            }
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public List<Listen> bound() {
        return List.copyOf(bound);
    }

    private int tcpPortOn(String host) {
        return bound.stream().filter(b -> !b.udp() && b.host().equals(host)).mapToInt(Listen::port).findFirst()
                .orElse(0);
    }

    private void bindTcp(Listen l, KdcRequestHandler handler) throws InterruptedException {
        // the event loops accept too: a connection accepted on the loop it is registered to needs no hand-off
        ServerBootstrap b = new ServerBootstrap().group(loops, loops).channel(transport.serverSocketChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(TCP_IDLE_SECONDS, TimeUnit.SECONDS))
                                .addLast(new LengthFieldBasedFrameDecoder(MAX_TCP_REQUEST, 0, 4, 0, 4))
                                .addLast(new LengthFieldPrepender(4))
                                .addLast(new TcpKdcHandler(handler, inFlight));
                    }
                });
        Channel ch = b.bind(l.host(), l.port()).sync().channel();
        record(ch, false, l.host());
    }

    private void bindUdp(Listen l, KdcRequestHandler handler) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(loops).channel(transport.datagramChannel())
                // Netty reads 2048-byte datagrams by default; a PKINIT request with a chain is larger
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_UDP_DATAGRAM))
                .handler(new UdpKdcHandler(handler, inFlight));
        Channel ch = b.bind(l.host(), l.port()).sync().channel();
        record(ch, true, l.host());
    }

    private void record(Channel ch, boolean udp, String host) {
        channels.add(ch);
        int port = ((InetSocketAddress) ch.localAddress()).getPort();
        bound.add(new Listen(udp, host, port));
        LOG.info("KDC listening on {}:{}:{}", udp ? "udp" : "tcp", host, port);
    }

    /**
     * The first step of a graceful stop: TCP listeners close (no new connections), UDP sockets stop reading (they
     * stay open to send the replies of requests in flight), and requests arriving on open connections are refused.
     *
     * @return the requests in flight at that moment
     */
    public int stopAccepting() {
        inFlight.stopAccepting();
        for (Channel c : channels) {
            if (c instanceof DatagramChannel) {
                c.config().setAutoRead(false);
            } else {
                c.close().awaitUninterruptibly();
            }
        }
        return inFlight.count();
    }

    /** Waits until every request in flight is answered, at most {@code grace}; returns how many are left. */
    public int awaitInFlight(Duration grace) throws InterruptedException {
        return inFlight.awaitNone(grace);
    }

    @Override
    public void close() {
        channels.forEach(c -> c.close().awaitUninterruptibly());
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
