package dev.pkinitkdc.kdc.support.http;

import java.time.Duration;

/**
 * What one client may hold of a {@link BoundedHttpServer}.
 *
 * @param requestDeadline the whole request (line, headers, body) must arrive within this of the connection's
 *                        accept, however slowly it drips; the answer gets as long again to be written
 * @param maxBody         largest request body taken (RFC 9110 15.5.14: larger ones get 413 and are not read)
 * @param maxConnections  connections open at once; one more is closed at accept
 * @param maxConnectionsPerSource connections open at once from one source (an IPv4 address, an IPv6 /64)
 */
public record HttpServerLimits(Duration requestDeadline, int maxBody, int maxConnections, int maxConnectionsPerSource) {
    public HttpServerLimits {
        if (requestDeadline.isNegative() || requestDeadline.isZero() || maxBody < 0 || maxConnections < 1
                || maxConnectionsPerSource < 1) {
            throw new IllegalArgumentException("unusable HTTP limits " + requestDeadline + ", " + maxBody + ", "
                    + maxConnections + ", " + maxConnectionsPerSource);
        }
    }
}
