package dev.pkinitkdc.kdc.telemetry;

import com.sun.net.httpserver.HttpServer;
import dev.pkinitkdc.conf.MetricsSettings;
import dev.pkinitkdc.kdc.DaemonThreads;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Prometheus text endpoint ({@code [metrics] listen}, {@code path}): the JDK HTTP server with the Prometheus
 * client's handler on one path (anything else is 404), answered by one thread of its own.
 */
public final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService thread;
    private final String path;

    private MetricsEndpoint(HttpServer server, ExecutorService thread, String path) {
        this.server = server;
        this.thread = thread;
        this.path = path;
    }

    public static MetricsEndpoint start(MetricsSettings settings, PrometheusRegistry registry) throws IOException {
        InetSocketAddress address = new InetSocketAddress(settings.host().orElseThrow(), settings.port());
        HttpServer server;
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new IOException("[metrics] listen " + settings.host().get() + ":" + settings.port()
                    + ": cannot listen: " + e.getMessage(), e);
        }
        server.createContext(settings.path(), new MetricsHandler(registry));
        ExecutorService thread = Executors.newSingleThreadExecutor(DaemonThreads.named("kdc-metrics"));
        server.setExecutor(thread);
        server.start();
        return new MetricsEndpoint(server, thread, settings.path());
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** {@code http://HOST:PORT/metrics} as bound (IPv6 hosts in brackets). */
    public URI url() {
        String host = server.getAddress().getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
                + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
        thread.shutdownNow();
    }
}
