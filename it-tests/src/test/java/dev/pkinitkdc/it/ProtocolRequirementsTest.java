package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.AsReqExtensions;
import dev.pkinitkdc.pkinit.client.PkinitAsReq;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * [pkinit] require_freshness and require_pa_checksum2 on, and a 3-second clock-skew window so a freshness token
 * goes stale within the test: the project's own client is refused with 90 or 79 for what it leaves out.
 */
class ProtocolRequirementsTest {
    private static final long SKEW_SECONDS = 3;

    @TempDir
    static Path dir;
    static LabKdc kdc;

    @BeforeAll
    static void startLab() throws Exception {
        kdc = LabKdc.start(dir.resolve("lab"), "", conf -> conf
                .replace("[pkinit]\n", "[pkinit]\nrequire_freshness = true\nrequire_pa_checksum2 = true\n")
                .replace("[kdc]\n", "[kdc]\nmax_clock_skew = " + SKEW_SECONDS + "s\n"));
    }

    @AfterAll
    static void stopLab() {
        if (kdc != null) {
            kdc.close();
        }
    }

    private static AsExchangeResult logon(PkinitClient client, AsReqExtensions extensions) throws Exception {
        PkinitAsReq request = client.newAsReq(OwnClient.principal("alice"), kdc.lab.realm(), extensions);
        return client.processReply(request, OwnClient.tcp(kdc.lab, request.encoded()));
    }

    private static void assertRefused(int code, AsExchangeResult r) {
        AsExchangeResult.Error e = assertInstanceOf(AsExchangeResult.Error.class, r, r::toString);
        assertEquals(code, e.errorCode(), e.eText());
    }

    private static PkinitClient alice() throws Exception {
        return OwnClient.client(kdc.lab, "alice", PkinitClientOptions.defaults());
    }

    @Test
    void aFreshTokenAndPaChecksum2GetATgt() throws Exception {
        PkinitClient client = alice();
        byte[] token = OwnClient.freshnessToken(kdc.lab, client, "alice");
        AsExchangeResult r = logon(client, AsReqExtensions.none().withFreshnessToken(token).withPaChecksum2("SHA-256"));
        assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
    }

    @Test
    void withoutAFreshnessTokenTheRequestIsRefusedWith90() throws Exception {
        assertRefused(90, logon(alice(), AsReqExtensions.none().withPaChecksum2("SHA-256")));
    }

    @Test
    void withoutPaChecksum2TheRequestIsRefusedWith79() throws Exception {
        PkinitClient client = alice();
        byte[] token = OwnClient.freshnessToken(kdc.lab, client, "alice");
        assertRefused(79, logon(client, AsReqExtensions.none().withFreshnessToken(token)));
    }

    @Test
    void aStaleFreshnessTokenIsRefusedWith90() throws Exception {
        PkinitClient client = alice();
        byte[] token = OwnClient.freshnessToken(kdc.lab, client, "alice");
        // let the token age past the skew window; the request itself is made fresh (its ctime is now)
        Thread.sleep((SKEW_SECONDS + 2) * 1000);
        AsExchangeResult r = logon(client, AsReqExtensions.none().withFreshnessToken(token).withPaChecksum2("SHA-256"));
        assertRefused(90, r);
        assertTrue(((AsExchangeResult.Error) r).eText().contains("old"), r::toString);
    }
}
