package dev.pkinitkdc.conf;

import java.time.Duration;

/**
 * {@code [kdc]} bounds on the work anyone can make the KDC do before it knows who they are (issue 16): requests
 * taken at once, TCP connections held open, and how long and how large one TCP request may be.
 *
 * @param maxPendingRequests requests received and not yet answered (queued for a worker or being worked on); one
 *        more is answered at once with KDC_ERR_SVC_UNAVAILABLE (29)
 * @param maxPendingRequestsPerSource the same for one source address (IPv6: one /64), so one flooding source
 *        cannot fill the queue in front of everyone else
 * @param maxTcpConnections TCP connections open at once; one more is closed as soon as it is accepted
 * @param maxTcpConnectionsPerSource the same for one source address (IPv6: one /64)
 * @param tcpFrameDeadline how long the 4-byte length and the request it announces (RFC 4120 7.2.2) may take to
 *        arrive, counted from the first byte of that request, however slowly the bytes drip in
 * @param maxRequestSize largest TCP request; a longer announced length gets KRB_ERR_FIELD_TOOLONG (61) and the
 *        connection is closed
 */
public record RequestLimits(int maxPendingRequests, int maxPendingRequestsPerSource, int maxTcpConnections,
                            int maxTcpConnectionsPerSource, Duration tcpFrameDeadline, int maxRequestSize) {
    public static final int DEFAULT_MAX_PENDING_REQUESTS = 1024;
    public static final int DEFAULT_MAX_PENDING_REQUESTS_PER_SOURCE = 16;
    public static final int DEFAULT_MAX_TCP_CONNECTIONS = 1024;
    public static final int DEFAULT_MAX_TCP_CONNECTIONS_PER_SOURCE = 64;
    public static final Duration DEFAULT_TCP_FRAME_DEADLINE = Duration.ofSeconds(10);
    /** A PKINIT AS-REQ with a certificate chain is a few KiB; MIT's krb5kdc caps a TCP request at 1 MiB. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 256 * 1024;

    public static RequestLimits defaults() {
        return new RequestLimits(DEFAULT_MAX_PENDING_REQUESTS, DEFAULT_MAX_PENDING_REQUESTS_PER_SOURCE,
                DEFAULT_MAX_TCP_CONNECTIONS, DEFAULT_MAX_TCP_CONNECTIONS_PER_SOURCE, DEFAULT_TCP_FRAME_DEADLINE,
                DEFAULT_MAX_REQUEST_SIZE);
    }
}
