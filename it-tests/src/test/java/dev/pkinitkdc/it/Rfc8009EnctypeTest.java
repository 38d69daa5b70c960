package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 8009 enctypes over the network: MIT kinit 1.20 limited to one of them by its krb5.conf, and our own client,
 * get a session key of that enctype (RFC 4120 3.1.3: the client's first the KDC supports) in a TGT sealed with
 * the krbtgt key of the default ticket preference, aes256-cts-hmac-sha1-96 (as MIT and AD seal theirs).
 */
class Rfc8009EnctypeTest extends LabPerClass {
    private static final int PREAUTH_REQUIRED = 25;
    private static final int KDC_ERR_ETYPE_NOSUPP = 14;

    /** The lab's krb5.conf, with the client asking for and accepting only {@code enctype}. */
    private static Path krb5ConfOnly(LabKdc labKdc, Enctype enctype) throws Exception {
        String text = Files.readString(labKdc.lab.krb5Conf());
        String only = "    default_tkt_enctypes = " + enctype.kerberosName() + "\n"
                + "    permitted_enctypes = " + enctype.kerberosName() + "\n";
        Path conf = dir.resolve("krb5-" + enctype.kerberosName() + "-" + labKdc.lab.port() + ".conf");
        Files.writeString(conf, text.replace("[libdefaults]\n", "[libdefaults]\n" + only));
        return conf;
    }

    private static String identity(String user) {
        LabUser u = kdc.lab.user(user);
        return "FILE:" + u.certificate() + "," + u.privateKey();
    }

    @ParameterizedTest
    @EnumSource(value = Enctype.class, names = {"AES256_CTS_HMAC_SHA384_192", "AES128_CTS_HMAC_SHA256_128"})
    void mitKinitGetsATgtWhoseSessionKeyHasTheRequestedEnctype(Enctype enctype) throws Exception {
        String label = "mit-" + enctype.value();
        MitKinit.Result r = MitKinit.run(krb5ConfOnly(kdc, enctype), dir, label, identity("alice"), "alice");
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals(List.of(PREAUTH_REQUIRED), r.kdcErrors(), r::toString);

        // the real klist's view of the ccache: session key and ticket enctypes
        String klist = MitKinit.klist(MitKinit.ccache(dir, label));
        assertTrue(klist.contains("Etype (skey, tkt): " + enctype.kerberosName() + ", aes256-cts-hmac-sha1-96"),
                klist);

        IssuedTgt tgt = IssuedTgt.read(MitKinit.ccache(dir, label), kdc.krbtgtKeys());
        assertEquals(enctype.value(), tgt.credential().keyType());
        assertEquals(Enctype.AES256_CTS_HMAC_SHA1_96, tgt.ticketEnctype());
        assertEquals(enctype, Enctypes.of(tgt.ticket().getKey()));
        assertArrayEquals(tgt.credential().key(), tgt.ticket().getKey().getKeyData(),
                "the session key kinit holds is the one sealed in the ticket");
        assertEquals(List.of("alice"), tgt.ticket().getCname().getNameStrings());
    }

    @ParameterizedTest
    @EnumSource(value = Enctype.class, names = {"AES256_CTS_HMAC_SHA384_192", "AES128_CTS_HMAC_SHA256_128"})
    void ownClientGetsAnRfc8009SessionKeyOverUdpAndTcp(Enctype enctype) throws Exception {
        for (boolean udp : List.of(true, false)) {
            AsExchangeResult r = OwnClient.logon(kdc.lab, "bob", "bob",
                    PkinitClientOptions.defaults().withEnctypes(List.of(enctype, Enctype.AES256_CTS_HMAC_SHA1_96)),
                    udp);
            AsExchangeResult.Success ok = assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
            assertEquals(enctype, ok.enctype(), "the client's first enctype");
            assertEquals(enctype, Enctypes.of(ok.sessionKey()));
            var sealed = ok.ticket().getEncryptedEncPart();
            assertEquals(Enctype.AES256_CTS_HMAC_SHA1_96, Enctypes.of(sealed));
            EncTicketPart ticket = KrbCodec.decode(Enctypes.decrypt(sealed,
                    kdc.krbtgtKeys().key(Enctype.AES256_CTS_HMAC_SHA1_96).key(), KeyUsage.KDC_REP_TICKET),
                    EncTicketPart.class);
            assertArrayEquals(ok.sessionKey().getKeyData(), ticket.getKey().getKeyData());
        }
    }

    /** A KDC configured without the RFC 8009 types refuses a client that asks only for one, on the wire. */
    @Test
    void aKdcWithoutTheEnctypeRefusesWith14() throws Exception {
        try (LabKdc sha1Only = LabKdc.start(dir.resolve("sha1-lab"), "", conf -> conf.replaceFirst("\\[kdc]\n",
                "[kdc]\nenctypes = aes256-cts-hmac-sha1-96, aes128-cts-hmac-sha1-96\n"))) {
            MitKinit.Result r = MitKinit.run(krb5ConfOnly(sha1Only, Enctype.AES256_CTS_HMAC_SHA384_192), dir,
                    "mit-sha1-only", "FILE:" + sha1Only.lab.user("alice").certificate() + ","
                            + sha1Only.lab.user("alice").privateKey(), "alice");
            assertNotEquals(0, r.exitCode(), r::toString);
            assertEquals(List.of(KDC_ERR_ETYPE_NOSUPP), r.kdcErrors(), r::toString);

            AsExchangeResult own = OwnClient.logon(sha1Only.lab, "bob", "bob", PkinitClientOptions.defaults()
                    .withEnctypes(List.of(Enctype.AES128_CTS_HMAC_SHA256_128)), false);
            assertEquals(KDC_ERR_ETYPE_NOSUPP, assertInstanceOf(AsExchangeResult.Error.class, own).errorCode());
        }
    }
}
