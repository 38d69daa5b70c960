package dev.pkinitkdc.revocation.crl;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.directory.api.ldap.codec.api.LdapDecoder;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;
import org.apache.directory.ldap.client.api.LdapNetworkConnection;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * An LDAP connection that cannot be made to buffer more than a bound, enforced while reading:
 * <ul>
 * <li>the LDAP codec's maximum PDU size ({@link LdapDecoder#MAX_PDU_SIZE_ATTR}): a message whose BER length
 *     (RFC 4511 5.1, read from its first bytes) is larger is refused before its value is buffered, and the
 *     session closed;</li>
 * <li>a count of the bytes received on the connection, which closes it once they pass {@code maxReceived},
 *     whatever the server sends (many messages, or a codec that buffers differently).</li>
 * </ul>
 */
final class BoundedLdapConnection extends LdapNetworkConnection {
    private static final String BYTE_COUNTER = "crl-received-bytes";

    private final int maxPdu;
    private final long maxReceived;
    private final AtomicLong received = new AtomicLong();
    private volatile boolean exceeded;

    BoundedLdapConnection(LdapConnectionConfig config, int maxPdu, long maxReceived) {
        super(config);
        this.maxPdu = maxPdu;
        this.maxReceived = maxReceived;
    }

    @Override
    public void sessionCreated(IoSession session) throws Exception {
        super.sessionCreated(session);
        session.setAttribute(LdapDecoder.MAX_PDU_SIZE_ATTR, maxPdu);
        session.getFilterChain().addFirst(BYTE_COUNTER, new IoFilterAdapter() {
            @Override
            public void messageReceived(NextFilter next, IoSession s, Object message) throws Exception {
                if (message instanceof IoBuffer buffer && received.addAndGet(buffer.remaining()) > maxReceived) {
                    exceeded = true;
                    s.closeNow();
                    return;
                }
                next.messageReceived(s, message);
            }
        });
    }

    /** Whether the connection was closed because the server sent more than allowed (either bound). */
    boolean exceeded() {
        Throwable failure = exceptionCaught();
        return exceeded || failure != null && String.valueOf(failure.getMessage()).contains("ERR_01007");
    }

    /** Bytes received so far (before TLS decryption). */
    long received() {
        return received.get();
    }
}
