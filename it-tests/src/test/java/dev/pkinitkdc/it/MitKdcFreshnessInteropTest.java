package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.kdc.assembly.KdcRuntime;
import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabRevocationServer;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.AsReqExtensions;
import dev.pkinitkdc.pkinit.client.KdcTransport;
import dev.pkinitkdc.pkinit.client.PkinitAsReq;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import dev.pkinitkdc.pkinit.kdf.Rfc8636Kdf;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our freshness tokens are MIT krb5's (RFC 8070; time, kvno, checksum in the krbtgt key): our KDC and MIT krb5kdc
 * sharing the krbtgt key, both requiring freshness, each accept the token the other handed out, and each TGT
 * opens with the shared key.
 */
class MitKdcFreshnessInteropTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static LabEnvironment lab;
    static LabRevocationServer revocation;
    static MitKdc mit;
    static KdcRuntime ours;

    @BeforeAll
    static void start() throws Exception {
        lab = LabKdc.prepareLab(dir.resolve("lab"));
        revocation = lab.startRevocationServer();
        mit = MitKdc.start(lab, dir.resolve("mit"), List.of("bob"), List.of("pkinit_require_freshness = true"));
        Path conf = lab.dir().resolve("with-mit-krbtgt.conf");
        Files.writeString(conf, Files.readString(lab.kdcConf())
                .replaceAll("(?m)^keytab = .*$", Matcher.quoteReplacement("keytab = " + mit.krbtgtKeytab))
                .replace("[pkinit]\n", "[pkinit]\nrequire_freshness = true\n"));
        ours = KdcRuntime.start(ConfigParser.parse(conf));
    }

    @AfterAll
    static void stop() {
        if (ours != null) {
            ours.close();
        }
        if (mit != null) {
            mit.close();
        }
        if (revocation != null) {
            revocation.close();
        }
    }


    /** bob asks {@code tokenFrom} for a freshness token and signs it into his AS-REQ to {@code logonAt}. */
    private static AsExchangeResult logon(InetSocketAddress tokenFrom, InetSocketAddress logonAt) throws Exception {
        return logon(tokenFrom, logonAt, PkinitClientOptions.defaults());
    }

    private static AsExchangeResult logon(InetSocketAddress tokenFrom, InetSocketAddress logonAt,
                                          PkinitClientOptions options) throws Exception {
        PkinitClient client = OwnClient.client(lab, "bob", options);
        byte[] offer = KdcTransport.exchangeTcp(tokenFrom, client.freshnessRequest(OwnClient.principal("bob"),
                lab.realm()), TIMEOUT);
        byte[] token = PkinitClient.freshnessToken(offer).orElseThrow(() -> new AssertionError(
                "no freshness token from " + tokenFrom + ", error " + KdcTransport.errorCode(offer)));
        PkinitAsReq request = client.newAsReq(OwnClient.principal("bob"), lab.realm(),
                AsReqExtensions.none().withFreshnessToken(token));
        return client.processReply(request, KdcTransport.exchangeTcp(logonAt, request.encoded(), TIMEOUT));
    }

    @ParameterizedTest
    @EnumSource(value = Rfc8636Kdf.class, names = {"SHA1", "SHA256", "SHA512"})   // MIT 1.20 has no sha384
    void ourClientLogsOnAtMitWithEachKdfAndMitsToken(Rfc8636Kdf kdf) throws Exception {
        AsExchangeResult r = logon(mit.address(), mit.address(), PkinitClientOptions.defaults().withKdfs(List.of(kdf)));
        AsExchangeResult.Success s = assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
        assertEquals(kdf.kdfName(), s.kdf());
    }

    /**
     * RFC 4556 3.2.3.1 octetstring2key against an independent implementation: offered no supportedKDFs, MIT
     * krb5kdc derives the reply key from Z with its own octetstring2key, and our client's key must open MIT's
     * AS-REP enc-part (else processReply fails on its integrity check).
     */
    @ParameterizedTest
    @EnumSource(value = ModpGroup.class, names = {"MODP14", "MODP16"})
    void ourClientsOctetString2KeyOpensMitsAsRep(ModpGroup group) throws Exception {
        AsExchangeResult r = logon(mit.address(), mit.address(), PkinitClientOptions.defaults().withGroup(group)
                .withKdfs(List.of()));
        AsExchangeResult.Success s = assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
        assertEquals("octetstring2key", s.kdf());
        assertEquals("bob", IssuedTgt.open(s.ticket(), KrbtgtKeys.load(mit.krbtgtKeytab, LabKdc.REALM)).getCname()
                .getName());
    }

    @Test
    void ourKdcAcceptsTheFreshnessTokenMitHandedOut() throws Exception {
        AsExchangeResult r = logon(mit.address(), LabKdc.tcpAddress(ours));
        AsExchangeResult.Success s = assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
        EncTicketPart tgt = IssuedTgt.open(s.ticket(), KrbtgtKeys.load(mit.krbtgtKeytab, LabKdc.REALM));
        assertEquals("bob", tgt.getCname().getName());
    }

    @Test
    void mitAcceptsTheFreshnessTokenOurKdcHandedOut() throws Exception {
        AsExchangeResult r = logon(LabKdc.tcpAddress(ours), mit.address());
        AsExchangeResult.Success s = assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
        EncTicketPart tgt = IssuedTgt.open(s.ticket(), KrbtgtKeys.load(mit.krbtgtKeytab, LabKdc.REALM));
        assertEquals("bob", tgt.getCname().getName());
    }

    /** RFC 8070 4 asks for KDC_ERR_PREAUTH_EXPIRED (90); MIT 1.20 logs "Preauthentication expired" but sends 24. */
    @Test
    void eachKdcRefusesATokenWhoseChecksumIsNotInTheSharedKey() throws Exception {
        for (InetSocketAddress kdc : List.of(mit.address(), LabKdc.tcpAddress(ours))) {
            PkinitClient client = OwnClient.client(lab, "bob", PkinitClientOptions.defaults());
            byte[] token = PkinitClient.freshnessToken(KdcTransport.exchangeTcp(kdc,
                    client.freshnessRequest(OwnClient.principal("bob"), lab.realm()), TIMEOUT)).orElseThrow();
            token[token.length - 1] ^= 0x01;
            PkinitAsReq request = client.newAsReq(OwnClient.principal("bob"), lab.realm(),
                    AsReqExtensions.none().withFreshnessToken(token));
            AsExchangeResult r = client.processReply(request, KdcTransport.exchangeTcp(kdc, request.encoded(),
                    TIMEOUT));
            AsExchangeResult.Error e = assertInstanceOf(AsExchangeResult.Error.class, r, r::toString);
            assertEquals(kdc.equals(mit.address()) ? 24 : 90, e.errorCode(), kdc + ": " + e.eText());
        }
    }
}
