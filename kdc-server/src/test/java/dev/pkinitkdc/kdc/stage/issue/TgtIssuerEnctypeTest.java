package dev.pkinitkdc.kdc.stage.issue;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkinitkdc.conf.Transport;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.PreauthReply;
import dev.pkinitkdc.kdc.request.TestExchanges;
import dev.pkinitkdc.kdc.request.VerifiedPreauth;
import dev.pkinitkdc.kdc.stage.decode.AsReqDecoder;
import dev.pkinitkdc.kdc.tool.lab.KrbtgtKeytab;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.KerberosTime;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.AsRep;
import org.apache.kerby.kerberos.kerb.type.kdc.AsReq;
import org.apache.kerby.kerberos.kerb.type.kdc.EncAsRepPart;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOptions;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcReqBody;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The decode and issue stages for each enctype: the reply and session keys take the client's enctype
 * (RFC 4120 3.1.3), the ticket the krbtgt key of the ticket preference (aes256-cts-hmac-sha1-96 by default, as MIT
 * and AD; an RFC 8009 type by configuration), and both enc-parts decrypt with those keys.
 */
class TgtIssuerEnctypeTest {
    private static final String REALM = "LAB.EXAMPLE";

    @TempDir
    Path dir;

    /** Pre-authentication is tested elsewhere; here it only hands back a random reply key of the chosen enctype. */
    private EncryptionKey replyKey;
    private final VerifiedPreauth preauth = (exchange, tgs) -> {
        replyKey = Enctypes.randomKey(exchange.request().enctype());
        return new PreauthReply(replyKey, List.of(), "test");
    };

    @ParameterizedTest
    @EnumSource(Enctype.class)
    void issuesInTheClientsEnctypeAndSealsTheTicketWithAes256Sha1ByDefault(Enctype enctype) throws Exception {
        Path keytab = dir.resolve("krbtgt.keytab");
        KrbtgtKeytab.create(keytab, REALM);
        issueAndCheck(enctype, KrbtgtKeys.load(keytab, REALM), Enctype.AES256_CTS_HMAC_SHA1_96);
    }

    /** {@code [krbtgt] ticket_enctypes = aes256-cts-hmac-sha384-192}: the RFC 8009 key seals, the reply unchanged. */
    @ParameterizedTest
    @EnumSource(Enctype.class)
    void anRfc8009TicketEnctypeByConfiguration(Enctype enctype) throws Exception {
        Path keytab = dir.resolve("krbtgt.keytab");
        KrbtgtKeytab.create(keytab, REALM);
        issueAndCheck(enctype, KrbtgtKeys.load(keytab, REALM, List.of(Enctype.AES256_CTS_HMAC_SHA384_192)),
                Enctype.AES256_CTS_HMAC_SHA384_192);
    }

    private void issueAndCheck(Enctype enctype, KrbtgtKeys krbtgt, Enctype sealedWith) throws Exception {
        TgtIssuer issuer = new TgtIssuer(REALM, krbtgt, new TicketPolicy(Duration.ofHours(10), Duration.ofDays(7)),
                Clock.systemUTC());
        AsExchange.Decoded decoded = new AsReqDecoder(REALM, List.of(Enctype.values()))
                .decode(AsExchange.received(new InetSocketAddress("127.0.0.1", 1), Transport.TCP, Instant.now(),
                        asReq(List.of(enctype, Enctype.AES256_CTS_HMAC_SHA1_96))));
        AsExchange.Mapped mapped = TestExchanges.mapped(decoded, preauth, TicketClientNameTest.mapping("alice"));

        AsRep rep = KrbCodec.decode(issuer.issue(mapped).asRep(), AsRep.class);

        assertEquals(enctype, Enctypes.of(rep.getEncryptedEncPart()));
        EncAsRepPart part = new EncAsRepPart();
        part.decode(Enctypes.decrypt(rep.getEncryptedEncPart(), replyKey, KeyUsage.AS_REP_ENCPART));
        assertEquals(enctype, Enctypes.of(part.getKey()), "the session key has the reply enctype");
        assertEquals(sealedWith, Enctypes.of(rep.getTicket().getEncryptedEncPart()));
        assertEquals(KrbtgtKeytab.KVNO, rep.getTicket().getEncryptedEncPart().getKvno());
        EncTicketPart ticket = KrbCodec.decode(Enctypes.decrypt(rep.getTicket().getEncryptedEncPart(),
                krbtgt.key(sealedWith).key(), KeyUsage.KDC_REP_TICKET), EncTicketPart.class);
        assertArrayEquals(part.getKey().getKeyData(), ticket.getKey().getKeyData());
        assertEquals(enctype, Enctypes.of(ticket.getKey()));
        assertEquals(List.of("alice"), ticket.getCname().getNameStrings());
        assertEquals(REALM, ticket.getCrealm());
    }

    private static byte[] asReq(List<Enctype> etypes) throws Exception {
        KdcReqBody body = Enctypes.newReqBody(etypes);
        body.setKdcOptions(new KdcOptions());
        body.setCname(new PrincipalName(List.of("alice"), NameType.NT_PRINCIPAL));
        body.setRealm(REALM);
        body.setSname(new PrincipalName(List.of("krbtgt", REALM), NameType.NT_SRV_INST));
        body.setTill(new KerberosTime(System.currentTimeMillis() / 1000 * 1000 + 3_600_000));
        body.setNonce(42);
        AsReq req = new AsReq();
        req.setReqBody(body);
        return KrbCodec.encode(req);
    }
}
