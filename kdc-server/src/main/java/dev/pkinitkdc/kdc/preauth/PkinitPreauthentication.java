package dev.pkinitkdc.kdc.preauth;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.decode.DecodedAsReq;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.CertificateFacts;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.asn1.PaDataEncoding;
import dev.pkinitkdc.pkinit.server.FreshnessTokens;
import dev.pkinitkdc.pkinit.server.PkinitServer;
import dev.pkinitkdc.pkinit.server.VerifiedPkAsReq;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The pre-authenticate stage. Without PA-PK-AS-REQ the client is told which pre-authentication to use
 * (RFC 4120 3.1.1, KDC_ERR_PREAUTH_REQUIRED with METHOD-DATA), with a freshness token when it sent PA-AS-FRESHNESS
 * (RFC 8070 4); with it, RFC 4556 3.2.2 checks run, then the freshness token and the replay check.
 */
public final class PkinitPreauthentication {
    private static final byte[] EMPTY = new byte[0];

    private final PkinitServer pkinit;
    private final FreshnessTokens freshness;
    private final boolean requireFreshness;
    private final AuthPackReplayCache replays;

    /** Freshness tokens offered but not required, replays refused, with a 5-minute window. */
    public PkinitPreauthentication(PkinitServer pkinit) {
        this(pkinit, FreshnessTokens.ofRandomKey(Duration.ofMinutes(5), Clock.systemUTC()), false,
                new AuthPackReplayCache(Duration.ofMinutes(5), 100_000, Clock.systemUTC()));
    }

    /** @param requireFreshness refuse a PKAuthenticator without freshnessToken ([pkinit] require_freshness) */
    public PkinitPreauthentication(PkinitServer pkinit, FreshnessTokens freshness, boolean requireFreshness,
                                   AuthPackReplayCache replays) {
        this.pkinit = pkinit;
        this.freshness = freshness;
        this.requireFreshness = requireFreshness;
        this.replays = replays;
    }

    public AsExchange apply(AsExchange exchange) throws KdcFailure {
        DecodedAsReq request = exchange.request();
        byte[] paPkAsReq = request.padataValue(DecodedAsReq.PA_PK_AS_REQ);
        if (paPkAsReq == null) {
            throw new KdcFailure(FailureReason.PREAUTH_REQUIRED, "PKINIT pre-authentication required",
                    offeredMethods(request.padataValue(PaDataEncoding.PA_AS_FRESHNESS) != null), null);
        }
        VerifiedPkAsReq verified = pkinit.verify(paPkAsReq, request.reqBodyDer(), request.nonce());
        checkFreshness(verified.freshnessToken());
        replays.check(verified, request.cname().getName());
        X509Certificate cert = verified.clientCertificate();
        return exchange.withPkinit(verified, exchange.audit().with(new AuditFacts.Pkinit(CertificateFacts.of(cert),
                verified.keyExchange().describe(), verified.freshnessToken() == null ? "none" : "ok")));
    }

    /** RFC 8070 4: a token sent is checked (KDC_ERR_PREAUTH_EXPIRED when not ours or too old); none may be refused. */
    private void checkFreshness(byte[] token) throws KdcFailure {
        if (token == null) {
            if (requireFreshness) {
                throw new KdcFailure(FailureReason.FRESHNESS_TOKEN_MISSING,
                        "PKAuthenticator has no freshness token, which this KDC requires (RFC 8070)");
            }
            return;
        }
        freshness.check(token);
    }

    /**
     * METHOD-DATA offering PA-PK-AS-REQ with an empty value (RFC 4556 3.2.1) and, when the client asked with an
     * empty PA-AS-FRESHNESS, a PA-AS-FRESHNESS holding a new token (RFC 8070 4).
     */
    private byte[] offeredMethods(boolean freshnessAsked) {
        List<PaDataItem> methods = freshnessAsked
                ? List.of(new PaDataItem(DecodedAsReq.PA_PK_AS_REQ, EMPTY),
                        new PaDataItem(PaDataEncoding.PA_AS_FRESHNESS, freshness.issue()))
                : List.of(new PaDataItem(DecodedAsReq.PA_PK_AS_REQ, EMPTY));
        return PaDataEncoding.encodeSequence(methods);
    }
}
