package dev.pkinitkdc.kdc.support.telemetry;

import dev.pkinitkdc.conf.HostPort;
import dev.pkinitkdc.conf.MetricsSettings;
import dev.pkinitkdc.kdc.support.http.BoundedHttpServer.Request;
import dev.pkinitkdc.kdc.support.http.BoundedHttpServer.Response;
import dev.pkinitkdc.kdc.support.http.BoundedHttpServer;
import dev.pkinitkdc.kdc.support.http.HttpServerLimits;
import io.prometheus.metrics.exporter.common.PrometheusHttpExchange;
import io.prometheus.metrics.exporter.common.PrometheusHttpRequest;
import io.prometheus.metrics.exporter.common.PrometheusHttpResponse;
import io.prometheus.metrics.exporter.common.PrometheusScrapeHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;

/**
 * The Prometheus text endpoint ({@code [metrics] listen}, {@code path}): the Prometheus client's scrape handler on
 * one path (anything else is 404; a method other than GET and HEAD 405), answered by one thread of its own on a
 * {@link BoundedHttpServer}, so a stranger who reaches the port cannot hold it with requests left half sent.
 */
public final class MetricsEndpoint implements AutoCloseable {
    /**
     * 5 s for a whole request; no body (a scrape is a GET: a body is answered 413 unread); 32 connections, 8 from
     * one source (Prometheus scrapes one at a time).
     */
    public static final HttpServerLimits LIMITS = new HttpServerLimits(Duration.ofSeconds(5), 0, 32, 8);

    private final BoundedHttpServer server;
    private final String path;

    private MetricsEndpoint(BoundedHttpServer server, String path) {
        this.server = server;
        this.path = path;
    }

    public static MetricsEndpoint start(MetricsSettings settings, PrometheusRegistry registry) throws IOException {
        InetSocketAddress address = new InetSocketAddress(settings.host().orElseThrow(), settings.port());
        PrometheusScrapeHandler scrape = new PrometheusScrapeHandler(registry);
        String path = settings.path();
        try {
            return new MetricsEndpoint(BoundedHttpServer.start("kdc-metrics", address, LIMITS, 1,
                    request -> !request.rawPath().equals(path) ? Response.status(404)
                            : !request.method().equals("GET") && !request.method().equals("HEAD")
                            ? Response.status(405) : scrape(scrape, request)), path);
        } catch (IOException e) {
            throw new IOException("[metrics] listen " + settings.host().get() + ":" + settings.port()
                    + ": cannot listen: " + e.getMessage(), e);
        }
    }

    private static Response scrape(PrometheusScrapeHandler scrape, Request request) throws IOException {
        Exchange exchange = new Exchange(request);
        scrape.handleRequest(exchange);
        return exchange.response();
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** {@code http://HOST:PORT/metrics} as bound (IPv6 hosts in brackets). */
    public URI url() {
        String host = address().getAddress().getHostAddress();
        return URI.create("http://" + HostPort.format(host, address().getPort()) + path);
    }

    @Override
    public void close() {
        server.close();
    }

    /** The Prometheus client's view of one whole request and the answer it builds (content type, gzip, filters). */
    private static final class Exchange implements PrometheusHttpExchange, PrometheusHttpRequest,
            PrometheusHttpResponse {
        private final Request request;
        private final Map<String, String> headers = new HashMap<>();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status = 500;

        Exchange(Request request) {
            this.request = request;
        }

        Response response() {
            return new Response(status, headers, body.toByteArray());
        }

        @Override
        public PrometheusHttpRequest getRequest() {
            return this;
        }

        @Override
        public PrometheusHttpResponse getResponse() {
            return this;
        }

        @Override
        public void handleException(IOException e) throws IOException {
            throw e;
        }

        @Override
        public void handleException(RuntimeException e) {
            throw e;
        }

        @Override
        public void close() {
        }

        @Override
        public String getQueryString() {
            String query = request.rawQuery();
            return query.isEmpty() ? null : query;
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return Collections.enumeration(request.headers().getAll(name));
        }

        @Override
        public String getMethod() {
            return request.method();
        }

        @Override
        public String getRequestPath() {
            return request.rawPath();
        }

        @Override
        public void setHeader(String name, String value) {
            headers.put(name, value);
        }

        @Override
        public OutputStream sendHeadersAndGetBody(int statusCode, int contentLength) {
            status = statusCode;
            return body;
        }
    }
}
