package dev.pkinitkdc.kdc.request;

import dev.pkinitkdc.conf.Transport;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One TGS-REQ as it moves through its steps (MIT krb5's do_tgs_req.c), typed as {@link AsExchange}: Received
 * (bytes) -> {@link Decoded} (decode) -> {@link Authenticated} (PA-TGS-REQ verified) -> {@link Served} (the service
 * found); issue and encode answer a {@link Served}. Every state carries the audit facts its steps added.
 */
public sealed interface TgsExchange {
    AsExchange.Arrival arrival();

    AuditRecord audit();

    /** The decoded request, once decode has run. */
    default Optional<DecodedTgsReq> decodedRequest() {
        return this instanceof Decodable d ? Optional.of(d.request()) : Optional.empty();
    }

    static Received received(InetSocketAddress peer, Transport transport, Instant now, byte[] wire) {
        AsExchange.Received start = AsExchange.received(peer, transport, now, wire);
        return new Received(start.arrival(), start.audit());
    }

    /** A state from decode on. */
    sealed interface Decodable extends TgsExchange permits Decoded, Authenticated, Served {
        DecodedTgsReq request();
    }

    /** The bytes, not yet decoded. */
    record Received(AsExchange.Arrival arrival, AuditRecord audit) implements TgsExchange {
        public Received {
            Objects.requireNonNull(arrival);
            Objects.requireNonNull(audit);
        }

        public Decoded decoded(DecodedTgsReq request, AuditRecord facts) {
            return new Decoded(arrival, request, facts);
        }
    }

    /** A well-formed TGS-REQ for this realm carrying a PA-TGS-REQ. */
    record Decoded(AsExchange.Arrival arrival, DecodedTgsReq request, AuditRecord audit) implements Decodable {
        public Decoded {
            Objects.requireNonNull(arrival);
            Objects.requireNonNull(request);
            Objects.requireNonNull(audit);
        }

        /** The PA-TGS-REQ verified: the TGT is this KDC's, current, and the authenticator binds the request. */
        public Authenticated authenticated(VerifiedTgt tgt, AuditRecord facts) {
            return new Authenticated(arrival, request, tgt, facts);
        }
    }

    /** The TGT and authenticator verified (RFC 4120 3.3.2). */
    record Authenticated(AsExchange.Arrival arrival, DecodedTgsReq request, VerifiedTgt tgt, AuditRecord audit)
            implements Decodable {
        public Authenticated {
            Objects.requireNonNull(arrival);
            Objects.requireNonNull(request);
            Objects.requireNonNull(tgt);
            Objects.requireNonNull(audit);
        }

        public Served served(ServiceKey service, AuditRecord facts) {
            return new Served(arrival, request, tgt, service, facts);
        }
    }

    /** The service found with its key: everything the TGS-REP needs. */
    record Served(AsExchange.Arrival arrival, DecodedTgsReq request, VerifiedTgt tgt, ServiceKey service,
                  AuditRecord audit) implements Decodable {
        public Served {
            Objects.requireNonNull(arrival);
            Objects.requireNonNull(request);
            Objects.requireNonNull(tgt);
            Objects.requireNonNull(service);
            Objects.requireNonNull(audit);
        }
    }
}
