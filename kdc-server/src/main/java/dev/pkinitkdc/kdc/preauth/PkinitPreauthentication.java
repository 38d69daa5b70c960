package dev.pkinitkdc.kdc.preauth;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.decode.DecodedAsReq;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.pkinit.server.PkinitServer;
import dev.pkinitkdc.pkinit.server.VerifiedPkAsReq;
import java.security.cert.X509Certificate;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.MethodData;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;

/**
 * The pre-authenticate stage. Without PA-PK-AS-REQ the client is told which pre-authentication to use
 * (RFC 4120 3.1.1, KDC_ERR_PREAUTH_REQUIRED with METHOD-DATA); with it, RFC 4556 3.2.2 checks run.
 */
public final class PkinitPreauthentication {
    private final PkinitServer pkinit;
    private final byte[] methodData;

    public PkinitPreauthentication(PkinitServer pkinit) {
        this.pkinit = pkinit;
        this.methodData = offeredMethods();
    }

    public AsExchange apply(AsExchange exchange) throws KdcFailure {
        DecodedAsReq request = exchange.request();
        byte[] paPkAsReq = request.padataValue(DecodedAsReq.PA_PK_AS_REQ);
        if (paPkAsReq == null) {
            throw new KdcFailure(FailureReason.PREAUTH_REQUIRED, "PKINIT pre-authentication required",
                    methodData, null);
        }
        VerifiedPkAsReq verified = pkinit.verify(paPkAsReq, request.reqBodyDer(), request.nonce());
        X509Certificate cert = verified.clientCertificate();
        return exchange.withPkinit(verified, exchange.audit()
                .with("cert.subject", cert.getSubjectX500Principal().getName())
                .with("cert.issuer", cert.getIssuerX500Principal().getName())
                .with("cert.serial", cert.getSerialNumber().toString(16))
                .with("kx", verified.keyExchange().describe()));
    }

    /** METHOD-DATA offering PA-PK-AS-REQ with an empty value (RFC 4556 3.2.1). */
    private static byte[] offeredMethods() {
        MethodData md = new MethodData();
        md.add(new PaDataEntry(PaDataType.PK_AS_REQ, new byte[0]));
        try {
            return KrbCodec.encode(md);
        } catch (KrbException e) {
            throw new IllegalStateException("METHOD-DATA does not encode", e);
        }
    }
}
