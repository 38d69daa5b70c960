package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationData;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationDataEntry;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationType;

/** The PAC of a ticket as the KDC places it (MS-PAC 2.1): the one AD-WIN2K-PAC inside the first AD-IF-RELEVANT. */
final class TicketPac {
    private TicketPac() {
    }

    /** The PAC bytes of {@code data}, asserting that shape. */
    static byte[] of(AuthorizationData data) throws KrbException {
        assertNotNull(data, "the ticket has authorization data");
        List<AuthorizationDataEntry> outer = data.getElements();
        assertEquals(AuthorizationType.AD_IF_RELEVANT, outer.get(0).getAuthzType());
        AuthorizationDataEntry entry = KrbCodec.decode(outer.get(0).getAuthzData(), AuthorizationData.class)
                .getElements().get(0);
        assertEquals(AuthorizationType.AD_WIN2K_PAC, entry.getAuthzType());
        return entry.getAuthzData();
    }

    /** Authorization data of that shape holding {@code pac}. */
    static AuthorizationData holding(byte[] pac) throws KrbException {
        AuthorizationData inner = new AuthorizationData();
        inner.add(new AuthorizationDataEntry(AuthorizationType.AD_WIN2K_PAC, pac));
        AuthorizationData outer = new AuthorizationData();
        outer.add(new AuthorizationDataEntry(AuthorizationType.AD_IF_RELEVANT, KrbCodec.encode(inner)));
        return outer;
    }
}
