package dev.pkinitkdc.kdc.stage.issue;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.pkinit.pac.PacBufferType;
import dev.pkinitkdc.pkinit.pac.PacInfoBuffer;
import dev.pkinitkdc.pkinit.pac.PacSignatures;
import dev.pkinitkdc.pkinit.pac.PacType;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationData;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationDataEntry;
import org.apache.kerby.kerberos.kerb.type.ad.AuthorizationType;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;

/**
 * The PAC of a service ticket (MS-PAC 2.8, MS-KILE 3.3.5.7): the TGT's PAC, whose server and KDC signatures must
 * verify with the krbtgt key that sealed the TGT, keeps its content and is signed again: the server signature with
 * the service's key, the ticket, full and KDC signatures with the current krbtgt key (MIT's krb5_kdc_sign_ticket).
 * A TGT without a PAC gives a service ticket without one (a directory without objectSid issues such TGTs).
 */
final class ServicePac {
    private ServicePac() {
    }

    /**
     * Sets {@code part}'s authorization data from the TGT's: its other elements as they are, the PAC re-signed.
     *
     * @param part the service ticket's part, complete but for its authorization data
     */
    static void sign(EncTicketPart part, AuthorizationData fromTgt, EncryptionKey tgtKrbtgtKey,
                     EncryptionKey serviceKey, EncryptionKey krbtgtKey) throws KdcFailure, KrbException {
        if (fromTgt == null) {
            return;
        }
        List<AuthorizationDataEntry> outer = fromTgt.getElements();
        for (int i = 0; i < outer.size(); i++) {
            if (outer.get(i).getAuthzType() != AuthorizationType.AD_IF_RELEVANT) {
                continue;
            }
            List<AuthorizationDataEntry> inner = KrbCodec.decode(outer.get(i).getAuthzData(), AuthorizationData.class)
                    .getElements();
            for (int j = 0; j < inner.size(); j++) {
                if (inner.get(j).getAuthzType() == AuthorizationType.AD_WIN2K_PAC) {
                    List<PacInfoBuffer> content = verifiedContent(inner.get(j).getAuthzData(), tgtKrbtgtKey);
                    // MS-PAC 2.8.3: the ticket signature covers the EncTicketPart with the PAC as one zero byte
                    part.setAuthorizationData(replaced(outer, i, inner, j, new byte[1]));
                    byte[] pac = PacSignatures.sign(content, serviceKey, krbtgtKey, KrbCodec.encode(part));
                    part.setAuthorizationData(replaced(outer, i, inner, j, pac));
                    return;
                }
            }
        }
        part.setAuthorizationData(fromTgt);
    }

    /** The PAC's buffers other than its signatures, once both signatures verify with the TGT's krbtgt key. */
    private static List<PacInfoBuffer> verifiedContent(byte[] pac, EncryptionKey tgtKrbtgtKey)
            throws KdcFailure, KrbException {
        try {
            if (!PacSignatures.verifyServer(pac, tgtKrbtgtKey) || !PacSignatures.verifyKdc(pac, tgtKrbtgtKey)) {
                throw new KdcFailure(FailureReason.TGT_INTEGRITY, "the TGT's PAC signatures do not verify");
            }
            return PacType.decode(pac).buffers().stream().filter(b -> !PacBufferType.isSignature(b.type())).toList();
        } catch (PacType.MalformedPac e) {
            throw new KdcFailure(FailureReason.TGT_INTEGRITY, "the TGT's PAC does not decode: " + e.getMessage(), e);
        }
    }

    /** {@code outer} with its entry {@code i} holding {@code inner}, whose entry {@code j} is the PAC {@code pac}. */
    private static AuthorizationData replaced(List<AuthorizationDataEntry> outer, int i,
                                              List<AuthorizationDataEntry> inner, int j, byte[] pac)
            throws KrbException {
        AuthorizationData newInner = new AuthorizationData();
        for (int k = 0; k < inner.size(); k++) {
            newInner.add(k == j ? new AuthorizationDataEntry(AuthorizationType.AD_WIN2K_PAC, pac) : inner.get(k));
        }
        AuthorizationData newOuter = new AuthorizationData();
        for (int k = 0; k < outer.size(); k++) {
            newOuter.add(k == i ? new AuthorizationDataEntry(AuthorizationType.AD_IF_RELEVANT,
                    KrbCodec.encode(newInner)) : outer.get(k));
        }
        return newOuter;
    }
}
