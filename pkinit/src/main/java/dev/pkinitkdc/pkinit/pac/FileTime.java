package dev.pkinitkdc.pkinit.pac;

import java.time.Instant;

/** MS-DTYP 2.3.3 FILETIME: 100-ns intervals since 1601-01-01 UTC; MS-PAC 2.5 gives the two special values. */
public final class FileTime {
    /** MS-PAC 2.5: "never", 0x7FFFFFFFFFFFFFFF. */
    public static final long NEVER = Long.MAX_VALUE;
    /** MS-PAC 2.5: "not set", 0. */
    public static final long NOT_SET = 0;
    private static final long EPOCH_DIFFERENCE_SECONDS = 11_644_473_600L;

    private FileTime() {
    }

    public static long of(Instant t) {
        return (t.getEpochSecond() + EPOCH_DIFFERENCE_SECONDS) * 10_000_000L + t.getNano() / 100;
    }

    public static Instant toInstant(long fileTime) {
        return Instant.ofEpochSecond(Math.floorDiv(fileTime, 10_000_000L) - EPOCH_DIFFERENCE_SECONDS,
                Math.floorMod(fileTime, 10_000_000L) * 100);
    }
}
