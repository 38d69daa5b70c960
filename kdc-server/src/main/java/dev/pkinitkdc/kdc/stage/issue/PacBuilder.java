package dev.pkinitkdc.kdc.stage.issue;

import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.mapping.account.AccountAttributes;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.pkinit.asn1.Der;
import dev.pkinitkdc.pkinit.pac.FileTime;
import dev.pkinitkdc.pkinit.pac.GroupMembership;
import dev.pkinitkdc.pkinit.pac.KerbValidationInfo;
import dev.pkinitkdc.pkinit.pac.PacAttributesInfo;
import dev.pkinitkdc.pkinit.pac.PacBufferType;
import dev.pkinitkdc.pkinit.pac.PacClientInfo;
import dev.pkinitkdc.pkinit.pac.PacInfoBuffer;
import dev.pkinitkdc.pkinit.pac.PacRequestor;
import dev.pkinitkdc.pkinit.pac.PacSignatures;
import dev.pkinitkdc.pkinit.pac.Sid;
import dev.pkinitkdc.pkinit.pac.SidAndAttributes;
import dev.pkinitkdc.pkinit.pac.UpnDnsInfo;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationData;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationDataEntry;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationType;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.bouncycastle.asn1.ASN1Boolean;

/**
 * The PAC of a TGT (MS-PAC 2.1, MS-KILE 3.3.5.7): AD-IF-RELEVANT holding AD-WIN2K-PAC (RFC 4120 5.2.6.1), built
 * from what the directory says about the mapped account and signed with the krbtgt key (server and KDC
 * signatures; a TGT of the local realm carries no ticket or full PAC signature, as MIT's KDC does).
 *
 * <p>No PAC when the client sent PA-PAC-REQUEST with include-pac FALSE (MS-KILE 3.3.5.7), and none when the
 * account has no objectSid: a PAC names the account by its SID, and a SID the directory does not hold would be
 * invented. A TGT without PAC is what MIT's KDC issues without a PAC plugin; the TGS decides whether it takes it.
 */
final class PacBuilder {
    /** MS-KILE 2.2.3 PA-PAC-REQUEST padata type. */
    static final int PA_PAC_REQUEST = 128;
    // LDAP userAccountControl bits (MS-ADTS 2.2.16) and the SAM USER_* bits they become (MS-SAMR 2.2.1.12).
    private static final int[][] UAC_TO_SAM = {
            {0x0002, 0x0001}, // ACCOUNTDISABLE -> USER_ACCOUNT_DISABLED
            {0x0200, KerbValidationInfo.USER_NORMAL_ACCOUNT},
            {0x1000, 0x0080}, // WORKSTATION_TRUST_ACCOUNT
            {0x2000, 0x0100}, // SERVER_TRUST_ACCOUNT
            {0x10000, KerbValidationInfo.USER_DONT_EXPIRE_PASSWORD}};

    private final String realm;

    PacBuilder(String realm) {
        this.realm = realm;
    }

    /** The ticket's authorization-data with the signed PAC, or empty when no PAC is issued (see the class). */
    Optional<AuthorizationData> authorizationData(AsExchange.Mapped exchange, PrincipalName client, Instant authTime,
                                                  EncryptionKey krbtgtKey) throws KrbException {
        Optional<Boolean> asked = includePac(exchange.request().padataValue(PA_PAC_REQUEST));
        DirectoryAccount account = exchange.mapping().account();
        Optional<Sid> sid = new AccountAttributes(account).objectSid().flatMap(PacBuilder::sid);
        if (asked.equals(Optional.of(false)) || sid.isEmpty()) {
            return Optional.empty();
        }
        byte[] pac = PacSignatures.sign(buffers(exchange, account, sid.get(), client, authTime, asked.isPresent()),
                krbtgtKey, krbtgtKey, null);
        AuthorizationData inner = new AuthorizationData();
        inner.add(new AuthorizationDataEntry(AuthorizationType.AD_WIN2K_PAC, pac));
        AuthorizationData outer = new AuthorizationData();
        outer.add(new AuthorizationDataEntry(AuthorizationType.AD_IF_RELEVANT, KrbCodec.encode(inner)));
        return Optional.of(outer);
    }

    private List<PacInfoBuffer> buffers(AsExchange.Mapped exchange, DirectoryAccount account, Sid user,
                                        PrincipalName client, Instant authTime, boolean requested) {
        long logon = FileTime.of(Instant.ofEpochSecond(authTime.getEpochSecond()));
        Sid asserted = exchange.preauth().freshPublicKeyIdentity() ? Sid.FRESH_PUBLIC_KEY_IDENTITY
                : Sid.AUTHENTICATION_AUTHORITY_ASSERTED_IDENTITY;
        int primaryGroup = KerbValidationInfo.DOMAIN_USERS_RID;
        KerbValidationInfo info = new KerbValidationInfo(logon, FileTime.NOT_SET, FileTime.NOT_SET, FileTime.NEVER,
                account.samAccountName(), "", user.rid(), primaryGroup, List.of(GroupMembership.of(primaryGroup)),
                "", netbiosDomain(), user.domain(), samAccountControl(account),
                List.of(SidAndAttributes.of(asserted)));
        String upn = account.userPrincipalName()
                .orElse(account.samAccountName() + "@" + realm.toLowerCase(Locale.ROOT));
        return List.of(new PacInfoBuffer(PacBufferType.LOGON_INFO, info.encode()),
                new PacClientInfo(logon, String.join("/", client.getNameStrings())).buffer(),
                new UpnDnsInfo(upn, realm, account.userPrincipalName().isEmpty(), account.samAccountName(), user)
                        .buffer(),
                new PacAttributesInfo(requested).buffer(),
                new PacRequestor(user).buffer());
    }

    /** The NetBIOS-style domain name AD puts in LogonDomainName: the realm's first label. */
    private String netbiosDomain() {
        int dot = realm.indexOf('.');
        return dot < 0 ? realm : realm.substring(0, dot);
    }

    /** KERB-PA-PAC-REQUEST ::= SEQUENCE { include-pac [0] BOOLEAN }; empty when absent or not decodable. */
    static Optional<Boolean> includePac(byte[] paPacRequest) {
        if (paPacRequest == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ASN1Boolean.getInstance(Der.required(Der.fields(Der.sequence(paPacRequest)), 0))
                    .isTrue());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Sid> sid(String text) {
        try {
            Sid sid = Sid.parse(text);
            return sid.subAuthorities().length >= 2 ? Optional.of(sid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int samAccountControl(DirectoryAccount account) {
        List<String> values = account.values("userAccountControl");
        int uac;
        try {
            uac = values.isEmpty() ? 0x0200 : Integer.parseInt(values.get(0).trim());
        } catch (NumberFormatException e) {
            uac = 0x0200;
        }
        int sam = 0;
        for (int[] bit : UAC_TO_SAM) {
            if ((uac & bit[0]) != 0) {
                sam |= bit[1];
            }
        }
        return sam;
    }
}
