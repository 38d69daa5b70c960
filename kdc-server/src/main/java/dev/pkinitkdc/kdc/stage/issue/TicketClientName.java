package dev.pkinitkdc.kdc.stage.issue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.mapping.AccountMapping;
import java.util.List;
import org.apache.kerby.kerberos.kerb.type.base.NameType;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOption;
import org.apache.kerby.kerberos.kerb.type.kdc.KdcOptions;

/**
 * The client name of the ticket and the AS-REP: always the account the certificate proved, by its sAMAccountName
 * in the KDC's realm, never the name the request carried (MS-KILE 3.3.5.6.1.1 canonical form).
 *
 * <p>RFC 6806 5: the KDC may name the client differently from the request only when the client asked for
 * canonicalization; MIT's client also allows it for an enterprise name (and a client without a username sends
 * NT-X500-PRINCIPAL). Otherwise a request that named the account by another of its names (UPN, {@code DOMAIN\\user},
 * another case) is refused as MIT's KDC refuses an alias without canonicalize, since the client would reject the
 * reply.
 */
final class TicketClientName {
    private TicketClientName() {
    }

    static PrincipalName of(PrincipalName requested, KdcOptions options, AccountMapping mapping, String realm)
            throws KdcFailure {
        List<String> account = List.of(mapping.account().samAccountName());
        if (!mayRename(requested, options) && !requested.getNameStrings().equals(account)) {
            throw KdcFailure.shown(FailureReason.CLIENT_UNKNOWN, "the requested client name is not the account's "
                    + "own name; ask for canonicalization (kinit -C) or use the account name");
        }
        PrincipalName name = new PrincipalName(account, NameType.NT_PRINCIPAL);
        name.setRealm(realm);
        return name;
    }

    private static boolean mayRename(PrincipalName requested, KdcOptions options) {
        NameType type = requested.getNameType();
        return options != null && options.isFlagSet(KdcOption.CANONICALIZE)
                || type == NameType.NT_ENTERPRISE || type == NameType.NT_X500_PRINCIPAL;
    }
}
