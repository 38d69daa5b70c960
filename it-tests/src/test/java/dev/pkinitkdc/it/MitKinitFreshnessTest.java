package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.lab.LabUser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MIT kinit 1.20 asks for a freshness token (empty PA-AS-FRESHNESS) and signs it into its PKAuthenticator, so it
 * logs on with [pkinit] require_freshness = true. Its first request goes over UDP; the AS-REP with the KDC's
 * certificate chain does not fit the UDP limit, so the trace shows KRB_ERR_RESPONSE_TOO_BIG or a TCP exchange.
 */
class MitKinitFreshnessTest {
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
}
