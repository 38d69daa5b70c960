package dev.pkinitkdc.kdc.lab;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.pkinitkdc.kdc.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's revocation services on loopback, what a CA's publication point and online responder are in a real
 * PKI: {@code GET /crl/issuing.crl} and {@code GET /crl/root.crl} (RFC 5280 5, DER, application/pkix-crl), and
 * OCSP as {@code POST /ocsp} or {@code GET /ocsp/BASE64} (RFC 6960 A.1). What is revoked comes from
 * DIR/ca/revoked.txt ({@link RevokedSerials}).
 */
public final class LabRevocationServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LabRevocationServer.class);
    /** RFC 6960 A.1: a request larger than this is not an OCSP request of the lab's. */
    private static final int MAX_REQUEST = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final LabRevocationUrls urls;

    private LabRevocationServer(HttpServer server, ExecutorService executor, LabRevocationUrls urls) {
        this.server = server;
        this.executor = executor;
        this.urls = urls;
    }

    /** Serves {@code pki}'s CRLs and OCSP at {@code urls}' host and port. */
    public static LabRevocationServer start(LabPki pki, Path revokedSerials, LabRevocationUrls urls)
            throws IOException {
        LabCrls crls = new LabCrls(pki, revokedSerials, urls);
        LabOcspResponder ocsp = new LabOcspResponder(pki.issuing(), revokedSerials);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(urls.host()), urls.port()), 16);
        } catch (BindException e) {
            throw new BindException("cannot serve the lab's OCSP and CRLs at " + urls.base() + " (" + e.getMessage()
                    + "); the lab's certificates name that URL: free the port, or give --revocation-port to "
                    + "reissue them for another");
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, DaemonThreads.named("lab-revocation"));
        server.setExecutor(executor);
        server.createContext("/crl/", exchange -> handle(exchange, () -> crl(exchange, crls)));
        server.createContext("/ocsp", exchange -> handle(exchange, () -> ocsp(exchange, ocsp)));
        server.start();
        LOG.info("lab: revocation server at {}: OCSP {}, CRLs {} and {}", urls.base(), urls.ocsp(),
                urls.issuingCrl(), urls.rootCrl());
        return new LabRevocationServer(server, executor, urls);
    }

    public LabRevocationUrls urls() {
        return urls;
    }

    @FunctionalInterface
    private interface Reply {
        void send() throws IOException;
    }

    private static void handle(HttpExchange exchange, Reply reply) throws IOException {
        try (exchange) {
            reply.send();
        } catch (IOException | RuntimeException e) {
            LOG.warn("lab revocation server: {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(),
                    e.toString());
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private static void crl(HttpExchange exchange, LabCrls crls) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] der = switch (path) {
            case "/crl/issuing.crl" -> crls.issuing();
            case "/crl/root.crl" -> crls.root();
            default -> null;
        };
        if (der == null || !"GET".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        send(exchange, "application/pkix-crl", der);
    }

    private static void ocsp(HttpExchange exchange, LabOcspResponder responder) throws IOException {
        byte[] request;
        if ("POST".equals(exchange.getRequestMethod())) {
            request = readAtMost(exchange.getRequestBody());
        } else if ("GET".equals(exchange.getRequestMethod())) {
            request = fromGetPath(exchange.getRequestURI());
        } else {
            exchange.sendResponseHeaders(405, -1);
            return;
        }
        if (request == null) {
            exchange.sendResponseHeaders(400, -1);
            return;
        }
        send(exchange, "application/ocsp-response", responder.respond(request));
    }

    /** RFC 6960 A.1: GET {url}/{url-encoding of base-64 encoding of the DER OCSPRequest}. */
    static byte[] fromGetPath(URI uri) {
        String raw = uri.getRawPath();
        if (!raw.startsWith("/ocsp/")) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(URLDecoder.decode(raw.substring("/ocsp/".length()),
                    StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] readAtMost(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_REQUEST + 1);
        return body.length > MAX_REQUEST ? null : body;
    }

    private static void send(HttpExchange exchange, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
