package dev.pkinitkdc.kdc.support.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty transport for the KDC's listeners and the bench client: Linux's native epoll when its library loads
 * (one syscall less per event and no selector bookkeeping per accepted connection), else the JDK's NIO.
 */
public enum NettyTransport {
    EPOLL, NIO;

    private static final Logger LOG = LoggerFactory.getLogger(NettyTransport.class);

    /** The best transport here; says once which, and why not epoll when it is not. */
    public static NettyTransport best() {
        return Best.CHOSEN;
    }

    public EventLoopGroup group(int threads, ThreadFactory threadFactory) {
        return this == EPOLL ? new EpollEventLoopGroup(threads, threadFactory)
                : new NioEventLoopGroup(threads, threadFactory);
    }

    public Class<? extends ServerChannel> serverSocketChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return this == EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    private static final class Best {
        static final NettyTransport CHOSEN = choose();

        private static NettyTransport choose() {
            if (Epoll.isAvailable()) {
                LOG.info("network transport: native epoll");
                return EPOLL;
            }
            LOG.info("network transport: NIO (native epoll unavailable: {})", Epoll.unavailabilityCause().toString());
            return NIO;
        }
    }
}
