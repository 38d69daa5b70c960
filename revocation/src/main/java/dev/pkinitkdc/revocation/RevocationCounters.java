package dev.pkinitkdc.revocation;

import java.util.concurrent.atomic.AtomicLong;

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
}
