package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.ClientQuirk;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.nio.file.Path;
import org.apache.kerby.kerberos.kerb.type.ticket.TicketFlag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What AD-oriented PKINIT tools (Python on impacket, asn1crypto, minikerberos) send, imitated by the project's
 * client against the lab KDC over the network: AD and MIT KDCs accept each, so this one does.
 */
class AdClientBehaviourTest {
    @TempDir
    static Path dir;
    static LabKdc kdc;

    @BeforeAll
    static void startLab() throws Exception {
        kdc = LabKdc.start(dir.resolve("lab"));
    }

    @AfterAll
    static void stopLab() {
        if (kdc != null) {
            kdc.close();
        }
    }

    private static AsExchangeResult.Success logon(PkinitClientOptions options, boolean udp) throws Exception {
        AsExchangeResult r = OwnClient.logon(kdc.lab, "alice", "alice", options, udp);
        return assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
    }

    /** RFC 4120 5.2.8 kdc-options of 2 bits (03 02 06 40, forwardable): a TGT, and the flag read as sent. */
    @Test
    void shortKdcOptionsGetAForwardableTgt() throws Exception {
        for (boolean udp : new boolean[] {false, true}) {
            AsExchangeResult.Success ok = logon(PkinitClientOptions.defaults()
                    .withQuirk(ClientQuirk.SHORT_KERBEROS_FLAGS), udp);
            assertEquals(true, ok.encPart().getFlags().isFlagSet(TicketFlag.FORWARDABLE), "udp " + udp);
        }
    }
}
