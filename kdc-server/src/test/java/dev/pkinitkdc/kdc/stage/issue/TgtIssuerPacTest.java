package dev.pkinitkdc.kdc.stage.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.PreauthReply;
import dev.pkinitkdc.kdc.request.TestExchanges;
import dev.pkinitkdc.kdc.request.VerifiedPreauth;
import dev.pkinitkdc.kdc.stage.decode.AsReqDecoderTest;
import dev.pkinitkdc.kdc.stage.preauth.EncryptedTimestampForTest;
import dev.pkinitkdc.kdc.stage.preauth.PreauthMechanisms;
import dev.pkinitkdc.kdc.tool.lab.KrbtgtKeytab;
import dev.pkinitkdc.mapping.AccountMapping;
import dev.pkinitkdc.mapping.MappingTrace;
import dev.pkinitkdc.mapping.account.AccountState;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.method.MappingMethod;
import dev.pkinitkdc.pkinit.asn1.PaDataEncoding;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import dev.pkinitkdc.pkinit.pac.FileTime;
import dev.pkinitkdc.pkinit.pac.KerbValidationInfo;
import dev.pkinitkdc.pkinit.pac.PacAttributesInfo;
import dev.pkinitkdc.pkinit.pac.PacBufferType;
import dev.pkinitkdc.pkinit.pac.PacClientInfo;
import dev.pkinitkdc.pkinit.pac.PacRequestor;
import dev.pkinitkdc.pkinit.pac.PacSignatures;
import dev.pkinitkdc.pkinit.pac.PacType;
import dev.pkinitkdc.pkinit.pac.Sid;
import dev.pkinitkdc.pkinit.pac.SidAndAttributes;
import dev.pkinitkdc.pkinit.pac.UpnDnsInfo;
import dev.pkinitkdc.pkinit.server.FreshnessTokens;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationData;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationDataEntry;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationType;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.kdc.AsRep;
import org.apache.kerby.kerberos.kerb.type.pa.PaData;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TGT carries the PAC (MS-PAC 2.1) in AD-IF-RELEVANT, signed with the krbtgt key, naming the mapped account by
 * the directory's objectSid; none when the client asks for none (PA-PAC-REQUEST) or the directory has no SID.
 */
class TgtIssuerPacTest {
    private static final String REALM = "LAB.EXAMPLE";
    private static final String DOMAIN_SID = "S-1-5-21-3623811015-3361044348-30300820";
    private static final byte[] INCLUDE_PAC_FALSE = {0x30, 0x05, (byte) 0xA0, 0x03, 0x01, 0x01, 0x00};
    private static final byte[] INCLUDE_PAC_TRUE = {0x30, 0x05, (byte) 0xA0, 0x03, 0x01, 0x01, (byte) 0xFF};

    @TempDir
    Path dir;
    private KrbtgtKeys krbtgt;
    private TgtIssuer issuer;

    @BeforeEach
    void issuer() throws Exception {
        Path keytab = dir.resolve("krbtgt.keytab");
        KrbtgtKeytab.create(keytab, REALM);
        krbtgt = KrbtgtKeys.load(keytab, REALM);
        issuer = new TgtIssuer(REALM, krbtgt, new TicketPolicy(Duration.ofHours(10), Duration.ofDays(7)),
                Clock.systemUTC());
    }

    @Test
    void theTgtCarriesASignedPacForTheAccountsSid() throws Exception {
        EncTicketPart tgt = issue(null, false, account(Optional.of(DOMAIN_SID + "-1105")));

        byte[] pac = pacOf(tgt);
        assertTrue(PacSignatures.verifyServer(pac, krbtgt.ticketKey().key()), "server signature, krbtgt key");
        assertTrue(PacSignatures.verifyKdc(pac, krbtgt.ticketKey().key()), "KDC signature, krbtgt key");
        PacType decoded = PacType.decode(pac);
        assertEquals(List.of(PacBufferType.LOGON_INFO, PacBufferType.CLIENT_INFO, PacBufferType.UPN_DNS_INFO,
                        PacBufferType.ATTRIBUTES_INFO, PacBufferType.REQUESTOR, PacBufferType.SERVER_CHECKSUM,
                        PacBufferType.PRIVSVR_CHECKSUM),
                decoded.buffers().stream().map(b -> b.type()).toList(), "no ticket or full signature in a TGT");
        KerbValidationInfo logon = KerbValidationInfo.decode(decoded.buffer(PacBufferType.LOGON_INFO).orElseThrow());
        assertEquals(1105, logon.userId());
        assertEquals(Sid.parse(DOMAIN_SID), logon.logonDomainId());
        assertEquals("alice", logon.effectiveName());
        assertEquals("LAB", logon.logonDomainName());
        assertEquals(List.of(SidAndAttributes.of(Sid.AUTHENTICATION_AUTHORITY_ASSERTED_IDENTITY)), logon.extraSids());
        assertEquals(KerbValidationInfo.USER_NORMAL_ACCOUNT, logon.userAccountControl(), "UAC 512 -> SAM 0x10");
        long authTime = FileTime.of(Instant.ofEpochMilli(tgt.getAuthTime().getTime()));
        assertEquals(authTime, logon.logonTime());
        PacClientInfo client = PacClientInfo.decode(decoded.buffer(PacBufferType.CLIENT_INFO).orElseThrow());
        assertEquals(new PacClientInfo(authTime, "alice"), client, "MIT compares it with the ticket's cname");
        UpnDnsInfo upn = UpnDnsInfo.decode(decoded.buffer(PacBufferType.UPN_DNS_INFO).orElseThrow());
        assertEquals(new UpnDnsInfo("alice@lab.example", REALM, false, "alice", Sid.parse(DOMAIN_SID + "-1105")),
                upn);
        assertEquals(new PacAttributesInfo(false),
                PacAttributesInfo.decode(decoded.buffer(PacBufferType.ATTRIBUTES_INFO).orElseThrow()),
                "given implicitly: no PA-PAC-REQUEST");
        assertEquals(Sid.parse(DOMAIN_SID + "-1105"),
                PacRequestor.decode(decoded.buffer(PacBufferType.REQUESTOR).orElseThrow()).sid());
    }

    @Test
    void aFreshnessTokenLogonAssertsTheFreshPublicKeyIdentity() throws Exception {
        EncTicketPart tgt = issue(null, true, account(Optional.of(DOMAIN_SID + "-1105")));

        KerbValidationInfo logon = KerbValidationInfo.decode(
                PacType.decode(pacOf(tgt)).buffer(PacBufferType.LOGON_INFO).orElseThrow());
        assertEquals(List.of(SidAndAttributes.of(Sid.FRESH_PUBLIC_KEY_IDENTITY)), logon.extraSids(), "S-1-18-3");
    }

    @Test
    void paPacRequestFalseGetsNoPacAndTrueIsRecordedAsRequested() throws Exception {
        assertNull(issue(INCLUDE_PAC_FALSE, false, account(Optional.of(DOMAIN_SID + "-1105")))
                .getAuthorizationData(), "include-pac FALSE");

        EncTicketPart asked = issue(INCLUDE_PAC_TRUE, false, account(Optional.of(DOMAIN_SID + "-1105")));
        assertEquals(new PacAttributesInfo(true), PacAttributesInfo.decode(
                PacType.decode(pacOf(asked)).buffer(PacBufferType.ATTRIBUTES_INFO).orElseThrow()));
    }

    @Test
    void anUndecodablePaPacRequestIsIgnored() throws Exception {
        EncTicketPart tgt = issue(new byte[] {0x30, (byte) 0x84, 0x7f, 0x7f, 0x7f, 0x7f, 0x01},
                false, account(Optional.of(DOMAIN_SID + "-1105")));
        assertEquals(new PacAttributesInfo(false), PacAttributesInfo.decode(
                PacType.decode(pacOf(tgt)).buffer(PacBufferType.ATTRIBUTES_INFO).orElseThrow()), "given implicitly");
    }

    @Test
    void anAccountWithoutObjectSidGetsATgtWithoutPac() throws Exception {
        assertNull(issue(null, false, account(Optional.empty())).getAuthorizationData(),
                "no SID is invented for an account the directory gives none");
    }

    private EncTicketPart issue(byte[] paPacRequest, boolean fresh, AccountMapping mapping) throws Exception {
        EncryptedTimestampForTest timestamp = new EncryptedTimestampForTest();
        timestamp.answer(Optional.empty());
        PaData padata = new PaData();
        padata.addElement(PaDataEncoding.entry(EncryptedTimestampForTest.PA_ENC_TIMESTAMP, new byte[] {1, 2, 3}));
        if (paPacRequest != null) {
            padata.addElement(PaDataEncoding.entry(128, paPacRequest));
        }
        AsExchange.Preauthenticated verified = new PreauthMechanisms(List.of(timestamp),
                FreshnessTokens.ofRandomKey(Duration.ofMinutes(5), Clock.systemUTC()))
                .verify(AsReqDecoderTest.decoded(REALM, padata)).toCompletableFuture().get(1, TimeUnit.MINUTES);
        VerifiedPreauth preauth = new VerifiedPreauth() {
            @Override
            public PreauthReply reply(AsExchange.Mapped exchange, org.apache.kerby.kerberos.kerb.type.base
                    .PrincipalName tgs) throws dev.pkinitkdc.failure.KdcFailure {
                return verified.preauth().reply(exchange, tgs);
            }

            @Override
            public boolean freshPublicKeyIdentity() {
                return fresh;
            }
        };
        AsExchange.Decoded decoded = AsReqDecoderTest.decoded(REALM, padata);
        TgtIssuer.Issued issued = issuer.issue(TestExchanges.mapped(decoded, preauth, mapping));
        AsRep rep = KrbCodec.decode(issued.asRep(), AsRep.class);
        EncTicketPart part = new EncTicketPart();
        part.decode(Enctypes.decrypt(rep.getTicket().getEncryptedEncPart(), krbtgt.ticketKey().key(),
                KeyUsage.KDC_REP_TICKET));
        return part;
    }

    /** RFC 4120 5.2.6.1 / MS-PAC 2.1: the only element is AD-IF-RELEVANT holding one AD-WIN2K-PAC. */
    private static byte[] pacOf(EncTicketPart tgt) throws Exception {
        assertNotNull(tgt.getAuthorizationData(), "the TGT has no authorization-data");
        List<AuthorizationDataEntry> outer = tgt.getAuthorizationData().getElements();
        assertEquals(1, outer.size());
        assertEquals(AuthorizationType.AD_IF_RELEVANT, outer.get(0).getAuthzType());
        List<AuthorizationDataEntry> inner = KrbCodec.decode(outer.get(0).getAuthzData(), AuthorizationData.class)
                .getElements();
        assertEquals(1, inner.size());
        assertEquals(AuthorizationType.AD_WIN2K_PAC, inner.get(0).getAuthzType());
        return inner.get(0).getAuthzData();
    }

    private static AccountMapping account(Optional<String> objectSid) {
        DirectoryAccount account = new DirectoryAccount("CN=alice,DC=lab", "alice", Optional.of("alice@lab.example"),
                objectSid.map(s -> Map.of("objectSid", List.of(s), "userAccountControl", List.of("512")))
                        .orElse(Map.of()));
        return new AccountMapping(account, MappingMethod.SAN_UPN, true,
                new AccountState(false, false, false, false, Optional.empty(), List.of()), new MappingTrace(List.of()));
    }
}
