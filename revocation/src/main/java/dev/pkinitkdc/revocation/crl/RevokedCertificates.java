package dev.pkinitkdc.revocation.crl;

import java.math.BigInteger;

/**
 * The revokedCertificates of a CRL (RFC 5280 5.1.2.6) as a compact index: every serial's INTEGER content in one
 * byte arena, their offsets, revocation dates and reasonCodes in primitive arrays, and an open-addressing hash
 * table of entry numbers. A lookup is O(1) and a million entries cost about 45 bytes each, with no Java object
 * per entry.
 */
final class RevokedCertificates {
    static final RevokedCertificates EMPTY = new RevokedCertificates(0, 0);

    /** extnID 2.5.29.21 id-ce-cRLReasons (RFC 5280 5.3.1), as DER content octets. */
    private static final byte[] REASON_CODE = {0x55, 0x1d, 0x15};
    /** extnID 2.5.29.24 id-ce-invalidityDate (RFC 5280 5.3.2). */
    private static final byte[] INVALIDITY_DATE = {0x55, 0x1d, 0x18};
    /** extnID 2.5.29.29 id-ce-certificateIssuer (RFC 5280 5.3.3): only in indirect CRLs. */
    private static final byte[] CERTIFICATE_ISSUER = {0x55, 0x1d, 0x1d};

    private final byte[] arena;
    /** Entry i's serial is arena[offsets[i], offsets[i + 1]). */
    private final int[] offsets;
    private final long[] revocationDates;
    private final byte[] reasons;
    /** Entry number + 1, or 0 for a free slot; the length is a power of two at least twice the entries. */
    private final int[] slots;
    private int size;
    private int arenaUsed;

    private RevokedCertificates(int capacity, int arenaBytes) {
        this.arena = new byte[arenaBytes];
        this.offsets = new int[capacity + 1];
        this.revocationDates = new long[capacity];
        this.reasons = new byte[capacity];
        this.slots = new int[Integer.highestOneBit(Math.max(1, capacity) * 2 - 1) << 1];
    }

    /**
     * Reads the revokedCertificates SEQUENCE at the reader's position and moves past it. Two passes: the first
     * counts entries and serial octets so that every array is allocated once at its final size.
     */
    static RevokedCertificates read(DerReader reader) throws UnusableCrlException {
        int listEnd = reader.enter(DerReader.SEQUENCE);
        int listStart = reader.position();
        int count = 0;
        long serialBytes = 0;
        while (reader.position() < listEnd) {
            int entryEnd = reader.enter(DerReader.SEQUENCE);
            reader.skip(DerReader.INTEGER);
            serialBytes += reader.length();
            count++;
            reader.position(entryEnd);
        }
        RevokedCertificates index = new RevokedCertificates(count, Math.toIntExact(serialBytes));
        reader.position(listStart);
        byte[] der = reader.bytes();
        while (reader.position() < listEnd) {
            int entryEnd = reader.enter(DerReader.SEQUENCE);
            reader.skip(DerReader.INTEGER);
            int serialStart = reader.start();
            int serialLength = reader.length();
            long date = DerTime.read(reader);
            int reason = reader.position() < entryEnd ? entryExtensions(reader) : ReasonCode.ABSENT;
            reader.position(entryEnd);
            index.add(der, serialStart, serialLength, date, reason);
        }
        reader.position(listEnd);
        return index;
    }

    /** crlEntryExtensions (RFC 5280 5.3): returns the reasonCode; refuses indirect and unknown critical ones. */
    private static int entryExtensions(DerReader reader) throws UnusableCrlException {
        byte[] der = reader.bytes();
        int reason = ReasonCode.ABSENT;
        int extensionsEnd = reader.enter(DerReader.SEQUENCE);
        while (reader.position() < extensionsEnd) {
            int extensionEnd = reader.enter(DerReader.SEQUENCE);
            reader.skip(DerReader.OID);
            int oidStart = reader.start();
            int oidLength = reader.length();
            boolean critical = false;
            if (reader.peekTag() == DerReader.BOOLEAN) {
                reader.skip(DerReader.BOOLEAN);
                critical = reader.length() == 1 && der[reader.start()] != 0;
            }
            reader.skip(DerReader.OCTET_STRING);
            int valueStart = reader.start();
            if (oidIs(der, oidStart, oidLength, REASON_CODE)) {
                reader.position(valueStart);
                reader.skip(DerReader.ENUMERATED);
                if (reader.length() != 1) {
                    throw new UnusableCrlException("reasonCode at offset " + valueStart + " is not one octet");
                }
                reason = der[reader.start()] & 0xff;
            } else if (oidIs(der, oidStart, oidLength, CERTIFICATE_ISSUER)) {
                throw new UnusableCrlException("indirect CRL (an entry has certificateIssuer), not supported");
            } else if (critical && !oidIs(der, oidStart, oidLength, INVALIDITY_DATE)) {
                throw new UnusableCrlException("an entry has an unknown critical extension");
            }
            reader.position(extensionEnd);
        }
        return reason;
    }

    private static boolean oidIs(byte[] der, int start, int length, byte[] oid) {
        if (length != oid.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (der[start + i] != oid[i]) {
                return false;
            }
        }
        return true;
    }

    /** Adds an entry unless its serial is already listed (the first listing wins). */
    private void add(byte[] source, int start, int length, long revocationDate, int reason) {
        // DER INTEGERs are minimal, but tolerate a redundant leading zero so that lookups by BigInteger match.
        while (length > 1 && source[start] == 0 && source[start + 1] >= 0) {
            start++;
            length--;
        }
        if (indexOf(source, start, length) >= 0) {
            return;
        }
        System.arraycopy(source, start, arena, arenaUsed, length);
        offsets[size] = arenaUsed;
        arenaUsed += length;
        offsets[size + 1] = arenaUsed;
        revocationDates[size] = revocationDate;
        reasons[size] = (byte) reason;
        int mask = slots.length - 1;
        int slot = hash(source, start, length) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = size + 1;
        size++;
    }

    /** The entry number of {@code serial}, or -1 when it is not revoked by this CRL. */
    int indexOf(BigInteger serial) {
        byte[] bytes = serial.toByteArray();
        return indexOf(bytes, 0, bytes.length);
    }

    private int indexOf(byte[] serial, int start, int length) {
        if (size == 0) {
            return -1;
        }
        int mask = slots.length - 1;
        for (int slot = hash(serial, start, length) & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot] - 1;
            if (entry < 0) {
                return -1;
            }
            if (java.util.Arrays.equals(arena, offsets[entry], offsets[entry + 1], serial, start, start + length)) {
                return entry;
            }
        }
    }

    /** FNV-1a over the octets, then MurmurHash3's finaliser so that sequential serials spread over the table. */
    private static int hash(byte[] bytes, int start, int length) {
        int h = 0x811c9dc5;
        for (int i = start; i < start + length; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    int size() {
        return size;
    }

    long revocationDate(int entry) {
        return revocationDates[entry];
    }

    /** The reasonCode of the entry, or {@link ReasonCode#ABSENT}. */
    int reason(int entry) {
        byte reason = reasons[entry];
        return reason == (byte) ReasonCode.ABSENT ? ReasonCode.ABSENT : reason & 0xff;
    }

    /** The serial of the entry, for tests and diagnostics. */
    BigInteger serial(int entry) {
        return new BigInteger(java.util.Arrays.copyOfRange(arena, offsets[entry], offsets[entry + 1]));
    }

    /** Bytes held by the index's arrays (payload plus the 16-byte array headers), its retained memory. */
    long retainedBytes() {
        long header = 16;
        return header * 5 + arena.length + 4L * offsets.length + 8L * revocationDates.length + reasons.length
                + 4L * slots.length;
    }
}
