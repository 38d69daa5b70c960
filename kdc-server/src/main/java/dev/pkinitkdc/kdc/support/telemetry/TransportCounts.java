package dev.pkinitkdc.kdc.support.telemetry;

import dev.pkinitkdc.conf.Transport;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the listeners and the admission in front of the AS-REQ processor turned away before any stage ran; cheap to
 * count from the event loops. Exported as {@code pkinit_kdc_requests_shed_total} and
 * {@code pkinit_kdc_transport_refused_total}.
 */
public final class TransportCounts {
    /** A request answered at once with KDC_ERR_SVC_UNAVAILABLE (29) instead of being queued. */
    public enum Shed {
        /** {@code [kdc] max_pending_requests} reached */
        QUEUE_FULL("queue_full"),
        /** {@code [kdc] max_pending_requests_per_source} reached for the sender's address */
        SOURCE_BUSY("source_busy");

        final String label;

        Shed(String label) {
            this.label = label;
        }
    }

    /** Bytes or connections the listeners dropped, closed or refused without handing anything to the pipeline. */
    public enum Refusal {
        /** a datagram whose first byte is not [APPLICATION 10] or [APPLICATION 12]: no reply (as MIT) */
        UDP_NOT_KERBEROS(Transport.UDP, "not_kerberos"),
        /** a TCP request that is not an AS-REQ or TGS-REQ: connection closed without a reply (as MIT) */
        TCP_NOT_KERBEROS(Transport.TCP, "not_kerberos"),
        TCP_CONNECTION_LIMIT(Transport.TCP, "connection_limit"),
        TCP_SOURCE_CONNECTION_LIMIT(Transport.TCP, "source_connection_limit"),
        /** the length and request did not arrive within {@code [kdc] tcp_frame_deadline} */
        TCP_FRAME_DEADLINE(Transport.TCP, "frame_deadline"),
        /** a length above {@code [kdc] max_request_size} or with the reserved high bit: KRB_ERR_FIELD_TOOLONG */
        TCP_FRAME_TOO_LONG(Transport.TCP, "frame_too_long");

        final Transport transport;
        final String reason;

        Refusal(Transport transport, String reason) {
            this.transport = transport;
            this.reason = reason;
        }
    }

    private final Map<Shed, LongAdder> shed = new EnumMap<>(Shed.class);
    private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);

    public TransportCounts() {
        for (Shed s : Shed.values()) {
            shed.put(s, new LongAdder());
        }
        for (Refusal r : Refusal.values()) {
            refused.put(r, new LongAdder());
        }
    }

    public void shed(Shed why) {
        shed.get(why).increment();
    }

    public void refused(Refusal why) {
        refused.get(why).increment();
    }

    public long count(Shed why) {
        return shed.get(why).sum();
    }

    public long count(Refusal why) {
        return refused.get(why).sum();
    }
}
