package dev.pkinitkdc.kdc.tool.lab;

import dev.pkinitkdc.kdc.support.http.BoundedHttpServer.Request;
import dev.pkinitkdc.kdc.support.http.BoundedHttpServer.Response;
import dev.pkinitkdc.kdc.support.http.BoundedHttpServer;
import dev.pkinitkdc.kdc.support.http.HttpServerLimits;
import dev.pkinitkdc.kdc.tool.labpki.LabCrls;
import dev.pkinitkdc.kdc.tool.labpki.LabOcspResponder;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.kdc.tool.labpki.LabRevocationUrls;
import dev.pkinitkdc.kdc.tool.labpki.RevokedSerials;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's revocation services on loopback, what a CA's publication point and online responder are in a real
 * PKI: {@code GET /crl/issuing.crl} and {@code GET /crl/root.crl} (RFC 5280 5, DER, application/pkix-crl), and
 * OCSP as {@code POST /ocsp} or {@code GET /ocsp/BASE64} (RFC 6960 A.1). What is revoked comes from
 * DIR/ca/revoked.txt ({@link RevokedSerials}). Slow and greedy clients are bounded by {@link #LIMITS}: a client
 * that holds a request half sent cannot make the KDC's uncached lab logons wait for a 74.
 */
public final class LabRevocationServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LabRevocationServer.class);
    /**
     * 5 s for a whole request; 64 KiB of body (RFC 6960 A.1: an OCSP request is a few hundred bytes, a larger one is
     * not the lab's); 64 connections, 16 from one source (the KDC fetches from 127.0.0.1; anyone on the host can
     * use 127.0.0.2 and up).
     */
    public static final HttpServerLimits LIMITS = new HttpServerLimits(Duration.ofSeconds(5), 64 * 1024, 64, 16);

    private final BoundedHttpServer server;
    private final LabRevocationUrls urls;

    private LabRevocationServer(BoundedHttpServer server, LabRevocationUrls urls) {
        this.server = server;
        this.urls = urls;
    }

    /** Serves {@code pki}'s CRLs and OCSP at {@code urls}' host and port. */
    public static LabRevocationServer start(LabPki pki, Path revokedSerials, LabRevocationUrls urls)
            throws IOException {
        LabCrls crls = new LabCrls(pki, revokedSerials, urls);
        LabOcspResponder ocsp = new LabOcspResponder(pki.issuing(), revokedSerials);
        BoundedHttpServer server;
        try {
            server = BoundedHttpServer.start("lab-revocation",
                    new InetSocketAddress(InetAddress.getByName(urls.host()), urls.port()), LIMITS, 2,
                    request -> request.rawPath().startsWith("/crl/") ? crl(request, crls) : ocsp(request, ocsp));
        } catch (IOException e) {
            throw new BindException("cannot serve the lab's OCSP and CRLs at " + urls.base() + " (" + e.getMessage()
                    + "); the lab's certificates name that URL: free the port, or give --revocation-port to "
                    + "reissue them for another");
        }
        LOG.info("lab: revocation server at {}: OCSP {}, CRLs {} and {}", urls.base(), urls.ocsp(),
                urls.issuingCrl(), urls.rootCrl());
        return new LabRevocationServer(server, urls);
    }

    public LabRevocationUrls urls() {
        return urls;
    }

    private static Response crl(Request request, LabCrls crls) throws IOException {
        if (!"GET".equals(request.method())) {
            return Response.status(405);
        }
        return switch (request.rawPath()) {
            case "/crl/issuing.crl" -> Response.ok("application/pkix-crl", crls.issuing());
            case "/crl/root.crl" -> Response.ok("application/pkix-crl", crls.root());
            default -> Response.status(404);
        };
    }

    private static Response ocsp(Request request, LabOcspResponder responder) throws IOException {
        byte[] der;
        if (!request.rawPath().equals("/ocsp") && !request.rawPath().startsWith("/ocsp/")) {
            return Response.status(404);
        } else if ("POST".equals(request.method())) {
            der = request.body();
        } else if ("GET".equals(request.method())) {
            der = fromGetPath(request.rawPath());
        } else {
            return Response.status(405);
        }
        if (der == null) {
            return Response.status(400);
        }
        return Response.ok("application/ocsp-response", responder.respond(der));
    }

    /** RFC 6960 A.1: GET {url}/{url-encoding of base-64 encoding of the DER OCSPRequest}. */
    static byte[] fromGetPath(String rawPath) {
        if (!rawPath.startsWith("/ocsp/")) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(URLDecoder.decode(rawPath.substring("/ocsp/".length()),
                    StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
