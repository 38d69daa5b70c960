package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.KdcTransport;
import dev.pkinitkdc.pkinit.client.Misbehaviour;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.kdf.Rfc8636Kdf;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The project's own PKINIT client against the lab KDC over the network: the variants MIT 1.20 cannot drive,
 * and requests a real client never sends (bad signature, checksum), with the code on the wire.
 */
class OwnClientLogonTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static LabKdc kdc;
    static InetSocketAddress address;

    @BeforeAll
    static void startLab() throws Exception {
        kdc = LabKdc.start(dir.resolve("lab"));
        address = new InetSocketAddress(LabKdc.HOST, kdc.lab.port());
    }

    @AfterAll
    static void stopLab() {
        if (kdc != null) {
            kdc.close();
        }
    }

    private static AsExchangeResult logon(String user, String cname, PkinitClientOptions options, boolean udp)
            throws Exception {
        return OwnClient.logon(kdc.lab, user, cname, options, udp);
    }

    @ParameterizedTest
    @EnumSource(value = Rfc8636Kdf.class, names = {"SHA1", "SHA256", "SHA512"})
    void eachRfc8636KdfAgreesTheReplyKeyOverTcp(Rfc8636Kdf kdf) throws Exception {
        AsExchangeResult r = logon("alice", "alice", PkinitClientOptions.defaults().withKdfs(List.of(kdf)), false);
        AsExchangeResult.Success ok = assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
        assertEquals(kdf.kdfName(), ok.kdf());
    }

    @Test
    void withoutSupportedKdfsTheKdcUsesOctetString2KeyOverUdp() throws Exception {
        AsExchangeResult r = logon("bob", "bob", PkinitClientOptions.defaults().withKdfs(List.of()), true);
        AsExchangeResult.Success ok = assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
        assertEquals("octetstring2key", ok.kdf());
    }

    /** MODP 16 as the KDC answered it: its audit line's kx and its own public value's group (RFC 3526 5). */
    @Test
    void dhGroup16WithNoncesGetsATgtAndTheKdcAnswersInGroup16() throws Exception {
        AuditFile audit = new AuditFile(kdc.lab.dir());
        OwnClient.Exchange x = OwnClient.exchange(kdc.lab, "alice",
                PkinitClientOptions.defaults().withGroup(ModpGroup.MODP16).withClientDhNonce(true));
        assertInstanceOf(AsExchangeResult.Success.class, x.result(), x.result()::toString);
        assertEquals("dh-modp16", audit.lastOk().path("kx").asText(), audit.lastOk()::toString);
        KdcDhPublicValue.assertInGroup(16, x.reply());
    }

    private static void assertRefused(int code, AsExchangeResult r) {
        AsExchangeResult.Error e = assertInstanceOf(AsExchangeResult.Error.class, r, r::toString);
        assertEquals(code, e.errorCode(), e.eText());
    }

    @Test
    void aSignatureThatDoesNotVerifyIsRefusedWith64() throws Exception {
        assertRefused(64, logon("alice", "alice",
                PkinitClientOptions.defaults().withMisbehaviour(Misbehaviour.TAMPER_SIGNATURE), false));
    }

    @Test
    void aWrongPaChecksumIsRefusedWith41AndAMissingOneWith79() throws Exception {
        assertRefused(41, logon("alice", "alice",
                PkinitClientOptions.defaults().withMisbehaviour(Misbehaviour.WRONG_PA_CHECKSUM), false));
        assertRefused(79, logon("alice", "alice",
                PkinitClientOptions.defaults().withMisbehaviour(Misbehaviour.OMIT_PA_CHECKSUM), false));
    }

    @Test
    void dhGroup2IsRefusedWith65() throws Exception {
        assertRefused(65, logon("alice", "alice", PkinitClientOptions.defaults().withGroup(ModpGroup.MODP2), false));
    }

    @Test
    void garbageOnTheWireGetsNoReplyAndTheKdcKeepsServing() throws Exception {
        // not an AS-REQ or TGS-REQ: no reply over UDP (no reflection at a forged source, as MIT), TCP closed
        assertThrows(SocketTimeoutException.class,
                () -> KdcTransport.exchangeUdp(address, "not kerberos".getBytes(), Duration.ofSeconds(1)));
        assertThrows(IOException.class, () -> KdcTransport.exchangeTcp(address, "not kerberos".getBytes(), TIMEOUT));
        // AS-REQ-tagged bytes that do not decode: no ~100-byte KRB-ERROR to a forged UDP source either (as MIT)
        for (byte[] malformed : List.of(new byte[] {0x6a, 0x00}, new byte[] {0x6a, 0x03, 0x30, 0x01, 0x02})) {
            assertThrows(SocketTimeoutException.class,
                    () -> KdcTransport.exchangeUdp(address, malformed, Duration.ofSeconds(1)));
        }
        assertInstanceOf(AsExchangeResult.Success.class, logon("bob", "bob", PkinitClientOptions.defaults(), true));
    }
}
