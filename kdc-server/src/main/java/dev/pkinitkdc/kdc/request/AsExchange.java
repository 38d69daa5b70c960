package dev.pkinitkdc.kdc.request;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.mapping.AccountMapping;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One AS-REQ as it moves through the stages, in the shape of MIT krb5's as_req_state but typed: each stage takes
 * the state the one before it established and returns the next, so a stage can only read what has been
 * established, and nothing is null. Received (bytes) -> {@link Decoded} (decode) -> {@link Preauthenticated}
 * (pre-authenticate) -> {@link Validated} (certificate path, then revocation) -> {@link Mapped} (map); issue and
 * encode answer a {@link Mapped}. Every state carries the audit facts its stages added.
 */
public sealed interface AsExchange {
    /** How the request arrived: the client's address (null in tests without one), the transport, when, the bytes. */
    record Arrival(InetSocketAddress peer, Transport transport, Instant received, byte[] wire) {
        public Arrival {
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(received, "received");
            Objects.requireNonNull(wire, "wire");
        }
    }

    Arrival arrival();

    AuditRecord audit();

    /** This state with {@code audit} as its facts. */
    AsExchange withAudit(AuditRecord audit);

    /** The decoded request, once decode has run. */
    default Optional<DecodedAsReq> decodedRequest() {
        return this instanceof Decodable d ? Optional.of(d.request()) : Optional.empty();
    }

    default InetSocketAddress peer() {
        return arrival().peer();
    }

    default Transport transport() {
        return arrival().transport();
    }

    default Instant received() {
        return arrival().received();
    }

    default byte[] wire() {
        return arrival().wire();
    }

    static Received received(InetSocketAddress peer, Transport transport, Instant now, byte[] wire) {
        AuditRecord audit = AuditRecord.empty().with(new AuditFacts.Received(now,
                peer == null ? "-" : peer.getAddress().getHostAddress(), transport.scheme()));
        return new Received(new Arrival(peer, transport, now, wire), audit);
    }

    /** A state from decode on: the request decoded. */
    sealed interface Decodable extends AsExchange permits Decoded, Preauthenticated, Validated, Mapped {
        DecodedAsReq request();
    }

    /** The bytes, not yet decoded. */
    record Received(Arrival arrival, AuditRecord audit) implements AsExchange {
        public Received {
            Objects.requireNonNull(arrival);
            Objects.requireNonNull(audit);
        }

        public Decoded decoded(DecodedAsReq request, AuditRecord facts) {
            return new Decoded(arrival, request, facts);
        }

        @Override
        public Received withAudit(AuditRecord facts) {
            return new Received(arrival, facts);
        }
    }

    /** Decode accepted the request: a well-formed AS-REQ for this realm. */
    record Decoded(Arrival arrival, DecodedAsReq request, AuditRecord audit) implements Decodable {
        public Decoded {
            Objects.requireNonNull(arrival);
            Objects.requireNonNull(request);
            Objects.requireNonNull(audit);
        }

        /** A pre-authentication mechanism accepted the request and keeps {@code preauth} for the reply. */
        public Preauthenticated preauthenticated(VerifiedPreauth preauth, AuditRecord facts) {
            return new Preauthenticated(arrival, request, preauth, facts);
        }

        @Override
        public Decoded withAudit(AuditRecord facts) {
            return new Decoded(arrival, request, facts);
        }
    }

    /** A mechanism accepted the pre-authentication; what it proved, and keeps for the reply, is {@code preauth}. */
    record Preauthenticated(Arrival arrival, DecodedAsReq request, VerifiedPreauth preauth, AuditRecord audit)
            implements Decodable {
        public Preauthenticated {
            Objects.requireNonNull(arrival);
            Objects.requireNonNull(request);
            Objects.requireNonNull(preauth);
            Objects.requireNonNull(audit);
        }

        /** The client's certificate chains to a trust anchor and may log on (RFC 4556 3.2.2, MS-PKCA 3.1.5.2.1). */
        public Validated validated(ValidatedCertificate certificate, AuditRecord facts) {
            return new Validated(arrival, request, preauth, certificate, facts);
        }

        @Override
        public Preauthenticated withAudit(AuditRecord facts) {
            return new Preauthenticated(arrival, request, preauth, facts);
        }
    }

    /** The client's certificate is validated (path, EKU, NTAuth); revocation adds its facts to this state. */
    record Validated(Arrival arrival, DecodedAsReq request, VerifiedPreauth preauth, ValidatedCertificate certificate,
                     AuditRecord audit) implements Decodable {
        public Validated {
            Objects.requireNonNull(arrival);
            Objects.requireNonNull(request);
            Objects.requireNonNull(preauth);
            Objects.requireNonNull(certificate);
            Objects.requireNonNull(audit);
        }

        /** The certificate logs on to {@code mapping}'s account. */
        public Mapped mapped(AccountMapping mapping, AuditRecord facts) {
            return new Mapped(arrival, request, preauth, certificate, mapping, facts);
        }

        @Override
        public Validated withAudit(AuditRecord facts) {
            return new Validated(arrival, request, preauth, certificate, facts);
        }
    }

    /** The certificate maps to one account: everything the AS-REP needs. */
    record Mapped(Arrival arrival, DecodedAsReq request, VerifiedPreauth preauth, ValidatedCertificate certificate,
                  AccountMapping mapping, AuditRecord audit) implements Decodable {
        public Mapped {
            Objects.requireNonNull(arrival);
            Objects.requireNonNull(request);
            Objects.requireNonNull(preauth);
            Objects.requireNonNull(certificate);
            Objects.requireNonNull(mapping);
            Objects.requireNonNull(audit);
        }

        @Override
        public Mapped withAudit(AuditRecord facts) {
            return new Mapped(arrival, request, preauth, certificate, mapping, facts);
        }
    }
}
