package dev.pkinitkdc.revocation;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts of revocation events that operators watch (the metrics of issue 7 read these). */
public final class RevocationCounters {
    public final AtomicLong ocspGraceUses = new AtomicLong();
    public final AtomicLong crlGraceUses = new AtomicLong();
    public final AtomicLong ocspFetches = new AtomicLong();
    public final AtomicLong ocspFetchFailures = new AtomicLong();
    public final AtomicLong crlDownloads = new AtomicLong();
    public final AtomicLong crlDownloadFailures = new AtomicLong();
    public final AtomicLong softFailAllowed = new AtomicLong();
    public final AtomicLong cachedOnlyAllowed = new AtomicLong();
    /** Checks answered by a current cached OCSP response, and those that were not. */
    public final LongAdder ocspCacheHits = new LongAdder();
    public final LongAdder ocspCacheMisses = new LongAdder();
    /** CRL look-ups (complete or delta) that found a current CRL held in memory or on disk, and those that did not. */
    public final LongAdder crlCacheHits = new LongAdder();
    public final LongAdder crlCacheMisses = new LongAdder();
}
