package dev.pkinitkdc.revocation.crl;

/**
 * UTCTime and GeneralizedTime as RFC 5280 4.1.2.5.1 and 4.1.2.5.2 allow them in certificates and CRLs
 * (YYMMDDHHMMSSZ and YYYYMMDDHHMMSSZ, always UTC, no fractions), read straight from the DER bytes into epoch
 * seconds without allocating.
 */
final class DerTime {
    private DerTime() {
    }

    static boolean isTime(int tag) {
        return tag == DerReader.UTC_TIME || tag == DerReader.GENERALIZED_TIME;
    }

    /** Reads the Time element at the reader's position and returns its epoch second. */
    static long read(DerReader reader) throws UnusableCrlException {
        int tag = reader.peekTag();
        if (!isTime(tag)) {
            throw new UnusableCrlException(String.format("expected a Time, found DER tag 0x%02x", tag));
        }
        reader.skip(tag);
        byte[] d = reader.bytes();
        int s = reader.start();
        int yearDigits = tag == DerReader.UTC_TIME ? 2 : 4;
        if (reader.length() != yearDigits + 11 || d[reader.end() - 1] != 'Z') {
            throw new UnusableCrlException("Time at offset " + s + " is not " + (yearDigits == 2
                    ? "YYMMDDHHMMSSZ" : "YYYYMMDDHHMMSSZ"));
        }
        int year = digits(d, s, yearDigits);
        if (yearDigits == 2) {
            year += year >= 50 ? 1900 : 2000; // RFC 5280 4.1.2.5.1
        }
        int p = s + yearDigits;
        int month = digits(d, p, 2);
        int day = digits(d, p + 2, 2);
        int hour = digits(d, p + 4, 2);
        int minute = digits(d, p + 6, 2);
        int second = digits(d, p + 8, 2);
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
            throw new UnusableCrlException("Time at offset " + s + " is out of range");
        }
        return daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    }

    private static int digits(byte[] d, int from, int count) throws UnusableCrlException {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = d[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new UnusableCrlException("Time has a non-digit at offset " + i);
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(int year, int month, int day) {
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
