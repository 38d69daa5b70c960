package dev.pkinitkdc.pkinit.enctype;

import org.apache.kerby.kerberos.kerb.type.base.CheckSum;

/** A Checksum whose cksumtype INTEGER is set from the number, so RFC 8009's types 19 and 20 survive encoding. */
final class RawCheckSum extends CheckSum {
    RawCheckSum(int checksumType, byte[] value) {
        setFieldAsInt(CheckSumField.CKSUM_TYPE, checksumType);
        setChecksum(value);
    }
}
