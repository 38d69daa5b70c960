package dev.pkinitkdc.kdc.transport;

import dev.pkinitkdc.conf.RequestLimits;
import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.support.ThrottledLog;
import dev.pkinitkdc.kdc.support.netty.NettyTransport;
import dev.pkinitkdc.kdc.support.netty.SourceQuota;
import dev.pkinitkdc.kdc.support.telemetry.TransportCounts.Refusal;
import dev.pkinitkdc.kdc.support.telemetry.TransportCounts;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KDC's UDP and TCP listeners (RFC 4120 7.2). Event loops only frame and hand off; the request handler
 * completes replies on its own threads. Before anything is handed off, the listeners bound what a stranger can
 * hold ({@link RequestLimits}): TCP connections in total and per source, the time and size of one TCP request,
 * and datagrams that are not KDC requests get no reply. What they turn away is counted in {@link TransportCounts}
 * and logged at most once per {@link #REFUSAL_LOG_INTERVAL}.
 */
public final class KdcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KdcServer.class);
    /** A connection with no byte for this long is closed (besides the deadline of each request). */
    private static final int TCP_IDLE_SECONDS = 30;
    static final Duration REFUSAL_LOG_INTERVAL = Duration.ofSeconds(10);
    /** Largest UDP payload (IPv4 65535 - 8 - 20). */
    static final int MAX_UDP_DATAGRAM = 65507;

    /** A listen address; port 0 binds any free port, and a UDP listener then shares the TCP listener's port. */
    public record Listen(Transport transport, String host, int port) {
    }

    private final NettyTransport transport;
    private final EventLoopGroup loops;
    private final List<Channel> channels = new ArrayList<>();
    private final InFlightRequests inFlight = new InFlightRequests();
    private final List<Listen> bound = new ArrayList<>();
    private final RequestLimits limits;
    private final ListenerErrors errors;
    private final TransportCounts counts;
    private final SourceQuota connections;
    private final ThrottledLog refusals = new ThrottledLog(LOG, REFUSAL_LOG_INTERVAL);

    private KdcServer(NettyTransport transport, RequestLimits limits, ListenerErrors errors, TransportCounts counts) {
        this.transport = transport;
        this.limits = limits;
        this.errors = errors;
        this.counts = counts;
        this.connections = new SourceQuota(limits.maxTcpConnections(), limits.maxTcpConnectionsPerSource());
        this.loops = transport.group(Math.max(1, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("kdc-io"));
    }

    /**
     * @param errors the KRB_ERR_FIELD_TOOLONG reply to a TCP length over the limit
     * @param counts where refused connections and dropped datagrams are counted
     */
    public static KdcServer start(List<Listen> listen, KdcRequestHandler handler, RequestLimits limits,
                                  ListenerErrors errors, TransportCounts counts) throws InterruptedException {
        return start(listen, handler, limits, errors, counts, NettyTransport.best());
    }

    static KdcServer start(List<Listen> listen, KdcRequestHandler handler, RequestLimits limits,
                           ListenerErrors errors, TransportCounts counts, NettyTransport transport)
            throws InterruptedException {
        KdcServer server = new KdcServer(transport, limits, errors, counts);
        try {
            // TCP first, so a UDP listener on port 0 can take the same port number
            for (Listen l : listen.stream().filter(l -> l.transport() == Transport.TCP).toList()) {
                server.bindTcp(l, handler);
            }
            for (Listen l : listen.stream().filter(l -> l.transport() == Transport.UDP).toList()) {
                int port = l.port() != 0 ? l.port() : server.tcpPortOn(l.host());
                server.bindUdp(new Listen(Transport.UDP, l.host(), port), handler);
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
        return bound.stream().filter(b -> b.transport() == Transport.TCP && b.host().equals(host))
                .mapToInt(Listen::port).findFirst().orElse(0);
    }

    private void bindTcp(Listen l, KdcRequestHandler handler) throws InterruptedException {
        // the event loops accept too: a connection accepted on the loop it is registered to needs no hand-off
        ServerBootstrap b = new ServerBootstrap().group(loops, loops).channel(transport.serverSocketChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!admitted(ch)) {
                            return;
                        }
                        ch.pipeline()
                                .addLast(new ReadTimeoutHandler(TCP_IDLE_SECONDS, TimeUnit.SECONDS))
                                .addLast(new LengthFieldPrepender(4))
                                .addLast(new TcpKdcHandler(handler, inFlight, limits, errors, counts, refusals));
                    }
                });
        Channel ch = b.bind(l.host(), l.port()).sync().channel();
        record(ch, Transport.TCP, l.host());
    }

    /** Takes a connection slot for {@code ch}, given back when it closes; past a cap it is closed at once. */
    private boolean admitted(SocketChannel ch) {
        InetAddress source = SourceQuota.source(ch.remoteAddress());
        SourceQuota.Verdict verdict = connections.take(source);
        if (verdict != SourceQuota.Verdict.TAKEN) {
            boolean total = verdict == SourceQuota.Verdict.FULL;
            counts.refused(total ? Refusal.TCP_CONNECTION_LIMIT : Refusal.TCP_SOURCE_CONNECTION_LIMIT);
            refusals.info("TCP connection from {} closed at once: {} ({}) reached",
                    ch.remoteAddress().getAddress().getHostAddress(),
                    total ? "max_tcp_connections" : "max_tcp_connections_per_source",
                    total ? limits.maxTcpConnections() : limits.maxTcpConnectionsPerSource());
            ch.close();
            return false;
        }
        ch.closeFuture().addListener(closed -> connections.release(source));
        return true;
    }

    private void bindUdp(Listen l, KdcRequestHandler handler) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(loops).channel(transport.datagramChannel())
                // Netty reads 2048-byte datagrams by default; a PKINIT request with a chain is larger
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_UDP_DATAGRAM))
                .handler(new UdpKdcHandler(handler, inFlight, counts, refusals));
        Channel ch = b.bind(l.host(), l.port()).sync().channel();
        record(ch, Transport.UDP, l.host());
    }

    private void record(Channel ch, Transport transport, String host) {
        channels.add(ch);
        int port = ((InetSocketAddress) ch.localAddress()).getPort();
        bound.add(new Listen(transport, host, port));
        LOG.info("KDC listening on {}:{}:{}", transport.scheme(), host, port);
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
