package dev.pkinitkdc.kdc.support.http;

import dev.pkinitkdc.kdc.support.DaemonThreads;
import dev.pkinitkdc.kdc.support.ThrottledLog;
import dev.pkinitkdc.kdc.support.netty.NettyTransport;
import dev.pkinitkdc.kdc.support.netty.SourceQuota;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server (RFC 9112) for the lab's OCSP/CRL publication point and the metrics endpoint, bounded
 * against slow and greedy clients, which the JDK's com.sun.net.httpserver is not (it reads a request on a pool
 * thread with no time limit: two requests left half sent stall a two-thread pool for good, and its only limits are
 * JVM-global system properties). Netty parses; this class bounds, per {@link HttpServerLimits}:
 * <ul>
 * <li>time: the whole request (line, headers, body) must arrive within the deadline of the accept, however slowly
 * it drips; the answer then has as long again to be written. Past either, the connection is closed.</li>
 * <li>size: request line 4 KiB, headers 8 KiB (400 past them), body {@code maxBody}: a larger Content-Length is
 * answered 413 before any of the body is read (a chunked one as soon as it passes the limit), and the rest is
 * dropped, at most {@link #LINGER_BYTES} more, before the connection is closed (RFC 9112 9.6).</li>
 * <li>connections: in total and per source ({@link SourceQuota}); one more is closed at accept.</li>
 * <li>one request per connection (answered with {@code Connection: close}), so nothing is read after it.</li>
 * </ul>
 * One event loop thread does the I/O, whatever the clients do; the {@link Responder} runs on a pool of its own
 * with whole requests only, so a slow client never holds a pool thread.
 */
public final class BoundedHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedHttpServer.class);
    static final int MAX_INITIAL_LINE = 4096;
    static final int MAX_HEADERS = 8192;
    private static final int MAX_CHUNK = 8192;
    /**
     * After a refusal sent while the request is still coming, bytes read and dropped at most, and for how long,
     * before the close: closing with unread bytes makes the kernel answer with a reset, which can destroy the
     * refusal before the client reads it (a "lingering close").
     */
    static final int LINGER_BYTES = 256 * 1024;
    static final Duration LINGER_TIME = Duration.ofSeconds(1);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    /** A whole request: method, request-target as sent, headers, body (at most {@link HttpServerLimits#maxBody}). */
    public record Request(String method, String target, HttpHeaders headers, byte[] body) {
        /** The path of the request-target, not percent-decoded. */
        public String rawPath() {
            return new QueryStringDecoder(target).rawPath();
        }

        /** The query of the request-target, not percent-decoded; empty if none. */
        public String rawQuery() {
            return new QueryStringDecoder(target).rawQuery();
        }
    }

    /** An answer: status, headers (Content-Length and Connection are set by the server), body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public Response {
            headers = Map.copyOf(headers);
        }

        public static Response status(int status) {
            return new Response(status, Map.of(), new byte[0]);
        }

        public static Response ok(String contentType, byte[] body) {
            return new Response(200, Map.of(HttpHeaderNames.CONTENT_TYPE.toString(), contentType), body);
        }
    }

    /** Answers whole requests; an exception is answered 500 (and logged). */
    @FunctionalInterface
    public interface Responder {
        Response answer(Request request) throws IOException;
    }

    private final String name;
    private final HttpServerLimits limits;
    private final Responder responder;
    private final EventLoopGroup loop;
    private final ExecutorService pool;
    private final SourceQuota connections;
    private final ThrottledLog refusals;
    private Channel listener;

    private BoundedHttpServer(String name, HttpServerLimits limits, int threads, Responder responder) {
        this.name = name;
        this.limits = limits;
        this.responder = responder;
        this.loop = NettyTransport.best().group(1, new DefaultThreadFactory(name + "-io", true));
        this.pool = Executors.newFixedThreadPool(threads, DaemonThreads.named(name));
        this.connections = new SourceQuota(limits.maxConnections(), limits.maxConnectionsPerSource());
        this.refusals = new ThrottledLog(LOG, LOG_INTERVAL);
    }

    /**
     * Listens on {@code address} (port 0: any free port).
     *
     * @param name    names the threads and the log lines
     * @param threads the responder's pool
     * @throws IOException the address cannot be bound
     */
    public static BoundedHttpServer start(String name, InetSocketAddress address, HttpServerLimits limits, int threads,
                                          Responder responder) throws IOException {
        BoundedHttpServer server = new BoundedHttpServer(name, limits, threads, responder);
        ServerBootstrap b = new ServerBootstrap().group(server.loop, server.loop)
                .channel(NettyTransport.best().serverSocketChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        server.admit(ch);
                    }
                });
        ChannelFuture bound = b.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            server.close();
            Throwable cause = bound.cause();
            throw cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
        }
        server.listener = bound.channel();
        return server;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Takes a connection slot for {@code ch} and sets its pipeline up; past a cap it is closed at once. */
    private void admit(SocketChannel ch) {
        InetAddress source = SourceQuota.source(ch.remoteAddress());
        SourceQuota.Verdict verdict = connections.take(source);
        if (verdict != SourceQuota.Verdict.TAKEN) {
            refusals.info("{}: connection from {} closed at once: {} connections open{}", name,
                    ch.remoteAddress().getAddress().getHostAddress(),
                    verdict == SourceQuota.Verdict.FULL ? limits.maxConnections() : limits.maxConnectionsPerSource(),
                    verdict == SourceQuota.Verdict.FULL ? "" : " from that source");
            ch.close();
            return;
        }
        ch.closeFuture().addListener(closed -> connections.release(source));
        ch.pipeline()
                .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, MAX_CHUNK))
                .addLast(new BodyLimit(limits.maxBody()))
                .addLast(new Exchange());
    }

    /** The body limit: a larger body is refused with 413 as soon as it is known to be larger. */
    private static final class BodyLimit extends HttpObjectAggregator {
        BodyLimit(int maxBody) {
            super(maxBody, true);   // Expect: 100-continue with a body too large: 417 and close
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            refuse(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        }
    }

    /** One connection's request and answer, each within the deadline. */
    private final class Exchange extends SimpleChannelInboundHandler<FullHttpRequest> {
        private ScheduledFuture<?> deadline;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            deadline = schedule(ctx, "the request did not arrive whole");
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            ctx.fireChannelInactive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest message) {
            cancel();
            ctx.channel().config().setAutoRead(false);   // one request per connection
            if (message.decoderResult().isFailure()) {
                boolean tooLong = message.decoderResult().cause() instanceof TooLongFrameException;
                refuse(ctx, tooLong ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                        : HttpResponseStatus.BAD_REQUEST);
                return;
            }
            Request request = new Request(message.method().name(), message.uri(), message.headers().copy(),
                    ByteBufUtil.getBytes(message.content()));
            deadline = schedule(ctx, "the answer was not taken in time");
            try {
                pool.execute(() -> {
                    Response response = answer(request);
                    write(ctx, response, HttpMethod.HEAD.equals(message.method()));
                });
            } catch (RejectedExecutionException e) {
                ctx.close();   // closing down
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("{}: connection from {} failed: {}", name, ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }

        private ScheduledFuture<?> schedule(ChannelHandlerContext ctx, String why) {
            return ctx.executor().schedule(() -> {
                refusals.info("{}: connection from {} closed: {} within {}", name, ctx.channel().remoteAddress(),
                        why, limits.requestDeadline());
                ctx.close();
            }, limits.requestDeadline().toMillis(), TimeUnit.MILLISECONDS);
        }

        private void cancel() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }
    }

    private Response answer(Request request) {
        try {
            return responder.answer(request);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: {} {} failed: {}", name, request.method(), request.rawPath(), e.toString());
            return Response.status(500);
        }
    }

    private static void write(ChannelHandlerContext ctx, Response response, boolean head) {
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(response.body()));
        response.headers().forEach(out.headers()::set);
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.body().length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Answers {@code status} while the request may still be coming: from here on what arrives is dropped (at most
     * {@link #LINGER_BYTES}, for at most {@link #LINGER_TIME}), the answer is sent and our side shut, then closed.
     */
    static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status) {
        Channel ch = ctx.channel();
        ch.pipeline().addFirst(new LingeringClose());
        ch.config().setAutoRead(true);
        FullHttpResponse out = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        out.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0).set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(out).addListener(written -> {
            if (written.isSuccess() && ch instanceof SocketChannel socket) {
                socket.shutdownOutput();
            } else {
                ch.close();
            }
        });
    }

    /** First in the pipeline after a refusal: drops what still arrives, closes past the bytes or the time. */
    private static final class LingeringClose extends ChannelInboundHandlerAdapter {
        private long dropped;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            ctx.executor().schedule(() -> {
                ctx.close();
            }, LINGER_TIME.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf bytes) {
                dropped += bytes.readableBytes();
            }
            ReferenceCountUtil.release(msg);
            if (dropped > LINGER_BYTES) {
                ctx.close();
            }
        }
    }

    @Override
    public void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        pool.shutdownNow();
    }
}
