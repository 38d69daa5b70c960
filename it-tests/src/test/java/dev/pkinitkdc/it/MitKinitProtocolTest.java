package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.kdc.transport.dispatch.UdpReplyLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MIT kinit 1.20 against the protocol options: it asks for a freshness token (empty PA-AS-FRESHNESS) and signs it
 * into its PKAuthenticator, so it logs on with [pkinit] require_freshness = true; and told to send its PKINIT
 * request over UDP, it gets KRB_ERR_RESPONSE_TOO_BIG for the AS-REP and retries over TCP (RFC 4120 7.2.1).
 */
class MitKinitProtocolTest {
    @TempDir
    static Path dir;
    static LabKdc kdc;

    @BeforeAll
    static void startLab() throws Exception {
        kdc = LabKdc.start(dir.resolve("lab"), "", conf -> conf.replace("[pkinit]\n",
                "[pkinit]\nrequire_freshness = true\n"));
    }

    @AfterAll
    static void stopLab() {
        if (kdc != null) {
            kdc.close();
        }
    }

    @Test
    void mitKinitGetsATgtWhenFreshnessIsRequired() throws Exception {
        LabUser alice = kdc.lab.user("alice");
        MitKinit.Result r = MitKinit.run(kdc.lab.krb5Conf(), dir, "fresh",
                "FILE:" + alice.certificate() + "," + alice.privateKey(), "alice");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(Files.exists(MitKinit.ccache(dir, "fresh")), r::toString);
        assertEquals(List.of(25), r.kdcErrors().stream().filter(c -> c != 52).toList(),
                "only PREAUTH_REQUIRED (and RESPONSE_TOO_BIG) before the TGT: " + r);
        assertTrue(r.trace().contains("freshness"), "MIT traced the freshness token: " + r.trace());
    }

    @Test
    void mitKinitOverUdpGetsResponseTooBigAndRetriesOverTcp() throws Exception {
        // By default MIT sends requests above 1465 bytes (a PKINIT request with a certificate) over TCP first
        Path conf = dir.resolve("krb5-udp.conf");
        Files.writeString(conf, Files.readString(kdc.lab.krb5Conf())
                .replace("[libdefaults]\n", "[libdefaults]\n    udp_preference_limit = 32700\n"));
        LabUser alice = kdc.lab.user("alice");
        MitKinit.Result r;
        try (LogCapture log = new LogCapture(UdpReplyLimit.class)) {
            r = MitKinit.run(conf, dir, "udp", "FILE:" + alice.certificate() + "," + alice.privateKey(), "alice");
            assertTrue(log.contains("KRB_ERR_RESPONSE_TOO_BIG"), "the KDC answered the UDP request with 52");
        }
        assertEquals(0, r.exitCode(), r::toString);
        // MIT handles 52 in its transport layer (then "Sending request ... (tcp only)"); when the
        // KDC takes more than MIT's 1 s UDP wait it moves on to TCP before the 52 arrives. Either way the PKINIT
        // request goes out over UDP first and the AS-REP comes back over TCP.
        Matcher udp = Pattern.compile("Sending request \\(\\d{4,} bytes\\)[^\\n]*\\n(?:[^\\n]*\\n)?[^\\n]*Sending "
                + "initial UDP request").matcher(r.trace());
        assertTrue(udp.find(), r::toString);
        assertTrue(r.trace().indexOf("Initiating TCP connection", udp.end()) > 0, r::toString);
        assertEquals(List.of(25), r.kdcErrors().stream().filter(c -> c != 52).toList(), r::toString);
    }
}
