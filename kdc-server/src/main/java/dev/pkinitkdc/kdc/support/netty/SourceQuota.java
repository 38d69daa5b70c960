package dev.pkinitkdc.kdc.support.netty;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A count of things held at once (TCP connections, requests being answered) with a cap in total and a cap per
 * source, so that one source cannot take every slot. A source is an IPv4 address or an IPv6 /64, the block one
 * host usually gets (RFC 4291 2.5.1), so a host cannot walk through its own block for fresh quotas.
 */
public final class SourceQuota {
    /** What {@link #take} decided. */
    public enum Verdict { TAKEN, FULL, SOURCE_FULL }

    private final int max;
    private final int maxPerSource;
    /** Slots held per source; guarded by this. A source with none held has no entry. */
    private final Map<InetAddress, Integer> held = new HashMap<>();
    private int total;

    public SourceQuota(int max, int maxPerSource) {
        this.max = max;
        this.maxPerSource = maxPerSource;
    }

    /** The source of {@code peer}: its IPv4 address, or its IPv6 address with the interface identifier zeroed. */
    public static InetAddress source(InetSocketAddress peer) {
        if (peer == null) {
            return null;
        }
        InetAddress address = peer.getAddress();
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
        Arrays.fill(prefix, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(prefix);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);   // 16 bytes are always an address
        }
    }

    /** Takes a slot for {@code source} (null: an unknown one, counted as one source) unless a cap is reached. */
    public synchronized Verdict take(InetAddress source) {
        if (total >= max) {
            return Verdict.FULL;
        }
        int mine = held.getOrDefault(source, 0);
        if (mine >= maxPerSource) {
            return Verdict.SOURCE_FULL;
        }
        held.put(source, mine + 1);
        total++;
        return Verdict.TAKEN;
    }

    /** Gives back a slot {@link #take} gave {@code source}. */
    public synchronized void release(InetAddress source) {
        Integer mine = held.get(source);
        if (mine == null) {
            throw new IllegalStateException("no slot held by " + source);
        }
        if (mine == 1) {
            held.remove(source);
        } else {
            held.put(source, mine - 1);
        }
        total--;
    }

    public synchronized int total() {
        return total;
    }
}
