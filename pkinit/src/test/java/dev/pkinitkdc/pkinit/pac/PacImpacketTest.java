package dev.pkinitkdc.pkinit.pac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import dev.pkinitkdc.pkinit.testing.ImpacketPac;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PAC this KDC writes, read back by an independent decoder: impacket's {@code impacket.krb5.pac} (its NDR
 * engine for KERB_VALIDATION_INFO) under Debian's /usr/bin/python3, with every signature recomputed by
 * impacket's RFC 3961 crypto rather than by the code under test.
 */
class PacImpacketTest {
    private static final Sid DOMAIN = Sid.parse("S-1-5-21-1004336348-1177238915-682003330");
    private static final Instant AUTH_TIME = Instant.parse("2026-12-08T02:00:00Z");

    @TempDir
    Path dir;

    @BeforeAll
    static void impacketPresent() throws Exception {
        ImpacketPac.require();
    }

    @Test
    void impacketReadsEveryBufferAndTheTgtSignaturesVerify() throws Exception {
        EncryptionKey krbtgt = Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA1_96);
        byte[] pac = PacSignatures.sign(content(), krbtgt, krbtgt, null);

        Map<String, String> f = decode(pac, krbtgt, krbtgt, null);

        assertEquals("0", f.get("version"));
        assertEquals("alice", f.get("logon.EffectiveName"));
        assertEquals("Alice Example", f.get("logon.FullName"));
        assertEquals("EXAMPLE", f.get("logon.LogonDomainName"));
        assertEquals("KDC", f.get("logon.LogonServer"));
        assertEquals("1105", f.get("logon.UserId"));
        assertEquals("513", f.get("logon.PrimaryGroupId"));
        assertEquals("2", f.get("logon.GroupCount"));
        assertEquals("513/7 1106/7", f.get("logon.GroupIds"));
        assertEquals("32", f.get("logon.UserFlags"), "LOGON_EXTRA_SIDS");
        assertEquals("528", f.get("logon.UserAccountControl"));
        assertEquals(DOMAIN.toString(), f.get("logon.LogonDomainId"));
        assertEquals("1", f.get("logon.SidCount"));
        assertEquals("S-1-18-1/7", f.get("logon.ExtraSids"), "authentication authority asserted identity");
        assertEquals(String.valueOf(FileTime.of(AUTH_TIME)), f.get("logon.LogonTime"));
        assertEquals(String.valueOf(FileTime.NEVER), f.get("logon.PasswordMustChange"));
        assertEquals("0", f.get("logon.ResourceGroupCount"));
        assertEquals(String.valueOf(FileTime.of(AUTH_TIME)), f.get("client.ClientId"));
        assertEquals("alice", f.get("client.Name"));
        assertEquals("alice@example.com", f.get("upn.Upn"));
        assertEquals("EXAMPLE.COM", f.get("upn.DnsDomainName"));
        assertEquals("2", f.get("upn.Flags"), "S (extended), U clear: the account has a UPN");
        assertEquals("alice", f.get("upn.SamName"));
        assertEquals(DOMAIN.withRid(1105).toString(), f.get("upn.Sid"));
        assertEquals("2 1", f.get("attributes"), "PAC_WAS_REQUESTED");
        assertEquals(DOMAIN.withRid(1105).toString(), f.get("requestor"));
        assertEquals("True 16", f.get("check.server"), "hmac-sha1-96-aes256 over the zeroed PAC");
        assertEquals("True 16", f.get("check.kdc"), "over the server signature");
        assertFalse(f.containsKey("check.full"), "a TGT of the local realm has no full PAC signature (as MIT)");
    }

    @Test
    void aServiceTicketPacCarriesTicketAndFullSignaturesThatVerify() throws Exception {
        EncryptionKey service = Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA1_96);
        EncryptionKey krbtgt = Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA1_96);
        byte[] ticketSigned = "DER EncTicketPart with a one-zero-byte PAC".getBytes(StandardCharsets.US_ASCII);
        byte[] pac = PacSignatures.sign(content(), service, krbtgt, ticketSigned);

        Map<String, String> f = decode(pac, service, krbtgt, ticketSigned);

        assertEquals("True 16", f.get("check.server"));
        assertEquals("True 16", f.get("check.kdc"));
        assertEquals("True 16", f.get("check.full"));
        assertEquals("True 16", f.get("check.ticket"));
    }

    @Test
    void anRfc8009KrbtgtKeySignsWithHmacSha384192() throws Exception {
        EncryptionKey krbtgt = Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA384_192);
        EncryptionKey other = Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA384_192);
        byte[] pac = PacSignatures.sign(content(), krbtgt, krbtgt, null);

        assertEquals("True 20", decode(pac, krbtgt, krbtgt, null).get("check.server"));
        assertEquals("True 20", decode(pac, krbtgt, krbtgt, null).get("check.kdc"));
        assertEquals("False 20", decode(pac, other, other, null).get("check.kdc"));
    }

    @Test
    void aPacSignedWithAnotherKeyDoesNotVerifyInImpacket() throws Exception {
        EncryptionKey krbtgt = Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA1_96);
        EncryptionKey other = Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA1_96);
        byte[] pac = PacSignatures.sign(content(), other, other, null);

        Map<String, String> f = decode(pac, krbtgt, krbtgt, null);

        assertEquals("False 16", f.get("check.server"));
        assertEquals("False 16", f.get("check.kdc"));
    }

    static List<PacInfoBuffer> content() {
        Sid user = DOMAIN.withRid(1105);
        long auth = FileTime.of(AUTH_TIME);
        KerbValidationInfo logon = new KerbValidationInfo(auth, FileTime.NOT_SET, FileTime.NOT_SET, FileTime.NEVER,
                "alice", "Alice Example", user.rid(), KerbValidationInfo.DOMAIN_USERS_RID,
                List.of(GroupMembership.of(513), GroupMembership.of(1106)), "KDC", "EXAMPLE", DOMAIN,
                KerbValidationInfo.USER_NORMAL_ACCOUNT | KerbValidationInfo.USER_DONT_EXPIRE_PASSWORD,
                List.of(SidAndAttributes.of(Sid.AUTHENTICATION_AUTHORITY_ASSERTED_IDENTITY)));
        return List.of(new PacInfoBuffer(PacBufferType.LOGON_INFO, logon.encode()),
                new PacClientInfo(auth, "alice").buffer(),
                new UpnDnsInfo("alice@example.com", "EXAMPLE.COM", false, "alice", user).buffer(),
                new PacAttributesInfo(true).buffer(),
                new PacRequestor(user).buffer());
    }

    private Map<String, String> decode(byte[] pac, EncryptionKey server, EncryptionKey kdc, byte[] ticketSigned)
            throws Exception {
        return ImpacketPac.decode(dir, pac, server, kdc, ticketSigned);
    }
}
