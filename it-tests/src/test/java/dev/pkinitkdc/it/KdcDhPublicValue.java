package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.asn1.KdcDhKeyInfo;
import dev.pkinitkdc.pkinit.asn1.PaPkAsRep;
import dev.pkinitkdc.pkinit.testing.PublishedModpGroups;
import java.math.BigInteger;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.kdc.AsRep;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;
import org.bouncycastle.cms.CMSSignedData;

/**
 * The KDC's Diffie-Hellman public value y as its AS-REP carries it (PA-PK-AS-REP, DHRepInfo.dhSignedData,
 * KDCDHKeyInfo.subjectPublicKey, RFC 4556 3.2.3.1), checked against a group as RFC 3526 publishes it.
 */
final class KdcDhPublicValue {
    private KdcDhPublicValue() {
    }

    static BigInteger of(byte[] asRep) throws Exception {
        AsRep rep = KrbCodec.decode(asRep, AsRep.class);
        PaPkAsRep paPkAsRep = PaPkAsRep.decode(rep.getPaData().findEntry(PaDataType.PK_AS_REP).getPaDataValue());
        byte[] keyInfo = (byte[]) new CMSSignedData(paPkAsRep.dhInfo().dhSignedData()).getSignedContent().getContent();
        return KdcDhKeyInfo.decode(keyInfo).dhPublicValue();
    }

    /**
     * y is an element of the order-q subgroup of the RFC's group {@code id} (1 < y < p-1, y^q = 1 mod p, q = (p-1)/2)
     * and longer than any smaller group's p (more than p's length less 64 bits; a y of the group is that short about
     * once in 2^64 runs).
     */
    static void assertInGroup(int id, byte[] asRep) throws Exception {
        BigInteger y = of(asRep);
        PublishedModpGroups.Group rfc = PublishedModpGroups.load().get(id);
        BigInteger p = rfc.p();
        assertTrue(y.compareTo(BigInteger.ONE) > 0 && y.compareTo(p.subtract(BigInteger.ONE)) < 0,
                "y outside 1 < y < p-1 of group " + id);
        assertEquals(BigInteger.ONE, y.modPow(p.subtract(BigInteger.ONE).shiftRight(1), p),
                "y is not in the order-q subgroup of group " + id);
        assertTrue(y.bitLength() > rfc.n() - 64, "y has " + y.bitLength() + " bits, too short for group " + id);
    }
}
