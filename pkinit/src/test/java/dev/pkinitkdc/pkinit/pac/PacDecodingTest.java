package dev.pkinitkdc.pkinit.pac;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.junit.jupiter.api.Test;

/** The project's own PAC decoder (for its client and the TGS): round trip, and hostile PACs bounded and refused. */
class PacDecodingTest {
    private final EncryptionKey krbtgt = Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA1_96);

    @Test
    void everyBufferReadsBackAsWritten() throws Exception {
        List<PacInfoBuffer> content = PacImpacketTest.content();
        PacType pac = PacType.decode(PacSignatures.sign(content, krbtgt, krbtgt, null));

        for (PacInfoBuffer written : content) {
            assertArrayEquals(written.data(), pac.buffer(written.type()).orElseThrow());
        }
        KerbValidationInfo logon = KerbValidationInfo.decode(pac.buffer(PacBufferType.LOGON_INFO).orElseThrow());
        assertEquals(KerbValidationInfo.decode(content.get(0).data()), logon);
        assertEquals("alice", logon.effectiveName());
        assertEquals(Sid.parse("S-1-5-21-1004336348-1177238915-682003330"), logon.logonDomainId());
        assertEquals(List.of(SidAndAttributes.of(Sid.AUTHENTICATION_AUTHORITY_ASSERTED_IDENTITY)), logon.extraSids());
        assertEquals("alice", PacClientInfo.decode(pac.buffer(PacBufferType.CLIENT_INFO).orElseThrow()).name());
        UpnDnsInfo upn = UpnDnsInfo.decode(pac.buffer(PacBufferType.UPN_DNS_INFO).orElseThrow());
        assertEquals("alice@example.com", upn.upn());
        assertEquals(1105, upn.sid().rid());
        assertTrue(PacAttributesInfo.decode(pac.buffer(PacBufferType.ATTRIBUTES_INFO).orElseThrow()).requested());
        assertEquals(upn.sid(), PacRequestor.decode(pac.buffer(PacBufferType.REQUESTOR).orElseThrow()).sid());
    }

    @Test
    void signaturesVerifyWithTheRightKeyOnlyAndNotAfterAChange() throws Exception {
        byte[] pac = PacSignatures.sign(PacImpacketTest.content(), krbtgt, krbtgt, null);
        EncryptionKey other = Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA1_96);
        assertTrue(PacSignatures.verifyServer(pac, krbtgt));
        assertTrue(PacSignatures.verifyKdc(pac, krbtgt));
        assertFalse(PacSignatures.verifyServer(pac, other));
        assertFalse(PacSignatures.verifyKdc(pac, other));

        byte[] changed = pac.clone();
        PacType.Located logon = PacType.locate(pac).get(0);
        changed[logon.offset() + 60] ^= 1; // inside KERB_VALIDATION_INFO: the attacker's new RID
        assertFalse(PacSignatures.verifyServer(changed, krbtgt));
    }

    @Test
    void aHeaderClaimingMoreBuffersThanAllowedOrThanFitIsRefused() {
        assertRefused(header(PacType.MAX_BUFFERS + 1), "out of range");
        assertRefused(header(0xFFFFFFFF), "out of range");
        assertRefused(header(3), "past the end");
        assertRefused(new byte[4], "shorter than its header");
    }

    @Test
    void aBufferOffsetPastTheEndUnalignedOrInsideTheHeaderIsRefused() throws Exception {
        byte[] pac = PacSignatures.sign(PacImpacketTest.content(), krbtgt, krbtgt, null);
        assertRefused(withOffset(pac, pac.length + 8), "outside the PAC");
        assertRefused(withOffset(pac, Long.MAX_VALUE - 7), "outside the PAC"); // offset + size overflows a long
        assertRefused(withOffset(pac, -8), "outside the PAC");
        assertRefused(withOffset(pac, 124), "unaligned");
        assertRefused(withOffset(pac, 8), "outside the PAC");
        byte[] twice = pac.clone();
        ByteBuffer.wrap(twice).order(ByteOrder.LITTLE_ENDIAN).putInt(8 + 16, PacBufferType.LOGON_INFO);
        assertRefused(twice, "appears twice");
    }

    @Test
    void logonInfoWithOversizeCountsOrSidsIsRefusedBeforeAllocating() throws Exception {
        byte[] logon = PacImpacketTest.content().get(0).data();
        // GroupCount and the GroupIds array's conformant count: 2^31-1 entries claimed in 400 bytes.
        int groupArray = indexOfInt(logon, 2, 200); // the array's count follows the strings' referents
        assertEquals(513, ByteBuffer.wrap(logon).order(ByteOrder.LITTLE_ENDIAN).getInt(groupArray + 4));
        byte[] huge = logon.clone();
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putInt(groupArray, Integer.MAX_VALUE);
        PacType.MalformedPac e = assertThrows(PacType.MalformedPac.class, () -> KerbValidationInfo.decode(huge));
        assertTrue(e.getMessage().contains("ends early"), e.getMessage());

        int domainSid = indexOfSid(logon);
        byte[] longSid = logon.clone();
        ByteBuffer.wrap(longSid).order(ByteOrder.LITTLE_ENDIAN).putInt(domainSid, 200);
        longSid[domainSid + 5] = (byte) 200;
        assertThrows(PacType.MalformedPac.class, () -> KerbValidationInfo.decode(longSid));

        byte[] objectTooLong = logon.clone();
        ByteBuffer.wrap(objectTooLong).order(ByteOrder.LITTLE_ENDIAN).putInt(8, Integer.MAX_VALUE);
        assertThrows(PacType.MalformedPac.class, () -> KerbValidationInfo.decode(objectTooLong));
    }

    @Test
    void everyTruncationAndSeededCorruptionIsRefusedOrReadNeverAnotherException() throws Exception {
        byte[] pac = PacSignatures.sign(PacImpacketTest.content(), krbtgt, krbtgt, null);
        for (int length = 0; length < pac.length; length++) {
            byte[] cut = java.util.Arrays.copyOf(pac, length);
            decodeAllOrRefuse(cut);
        }
        Random random = new Random(18);
        for (int round = 0; round < 2000; round++) {
            byte[] bad = pac.clone();
            for (int flips = 0; flips < 1 + random.nextInt(4); flips++) {
                bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
            }
            decodeAllOrRefuse(bad);
        }
    }

    /** Decodes every known buffer; only MalformedPac may escape. */
    private static void decodeAllOrRefuse(byte[] pac) {
        try {
            PacType decoded = PacType.decode(pac);
            for (PacInfoBuffer b : decoded.buffers()) {
                byte[] d = b.data();
                switch (b.type()) {
                    case PacBufferType.LOGON_INFO -> KerbValidationInfo.decode(d);
                    case PacBufferType.CLIENT_INFO -> PacClientInfo.decode(d);
                    case PacBufferType.UPN_DNS_INFO -> UpnDnsInfo.decode(d);
                    case PacBufferType.ATTRIBUTES_INFO -> PacAttributesInfo.decode(d);
                    case PacBufferType.REQUESTOR -> PacRequestor.decode(d);
                    default -> { }
                }
            }
        } catch (PacType.MalformedPac expected) {
            // refused: fine
        }
    }

    private static void assertRefused(byte[] pac, String why) {
        PacType.MalformedPac e = assertThrows(PacType.MalformedPac.class, () -> PacType.decode(pac));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private static byte[] header(int count) {
        return ByteBuffer.allocate(8 + 16).order(ByteOrder.LITTLE_ENDIAN).putInt(count).putInt(0).array();
    }

    private static byte[] withOffset(byte[] pac, long offset) {
        byte[] copy = pac.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(8 + 8, offset);
        return copy;
    }

    /** The first 4-aligned position after {@code from} holding {@code value} (little-endian). */
    private static int indexOfInt(byte[] b, int value, int from) {
        ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = from; i + 4 <= b.length; i += 4) {
            if (in.getInt(i) == value) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    /** The conformant count of the LogonDomainId RPC_SID: 4 sub-authorities, then revision 1, count 4, NT. */
    private static int indexOfSid(byte[] b) {
        for (int i = 16; i + 8 <= b.length; i += 4) {
            if (b[i] == 4 && b[i + 4] == 1 && b[i + 5] == 4 && b[i + 11] == 5) {
                return i;
            }
        }
        throw new AssertionError("no RPC_SID");
    }
}
