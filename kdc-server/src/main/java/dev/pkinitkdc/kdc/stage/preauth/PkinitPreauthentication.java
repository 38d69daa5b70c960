package dev.pkinitkdc.kdc.stage.preauth;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.CertificateFacts;
import dev.pkinitkdc.kdc.request.DecodedAsReq;
import dev.pkinitkdc.kdc.request.PreauthReply;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.server.FreshnessTokens;
import dev.pkinitkdc.pkinit.server.PkinitReply;
import dev.pkinitkdc.pkinit.server.PkinitServer;
import dev.pkinitkdc.pkinit.server.VerifiedPkAsReq;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataType;

/**
 * PKINIT (RFC 4556) as a pre-authentication mechanism: offered as an empty PA-PK-AS-REQ with a freshness token for
 * a client that asks (RFC 8070 4); a PA-PK-AS-REQ is checked as RFC 4556 3.2.2 says, then its freshness token and
 * the replay check; the AS-REP is answered with a PA-PK-AS-REP and the reply key it carries (RFC 4556 3.2.3).
 */
public final class PkinitPreauthentication implements PreauthMechanism {
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

    @Override
    public String name() {
        return "PKINIT";
    }

    /** PA-PK-AS-REQ (RFC 4556 3.2.1), offered with an empty value. */
    @Override
    public int paType() {
        return DecodedAsReq.PA_PK_AS_REQ;
    }

    /** RFC 8070 4: a client that asks is given a token to sign into its PKAuthenticator. */
    @Override
    public boolean sendsFreshnessToken() {
        return true;
    }

    /** RFC 4556 3.2.2 checks, then the freshness token and the replay check; all on the calling thread. */
    @Override
    public CompletionStage<AsExchange.Preauthenticated> verify(AsExchange.Decoded exchange, byte[] paPkAsReq) {
        try {
            return CompletableFuture.completedFuture(verified(exchange, paPkAsReq));
        } catch (KdcFailure f) {
            return CompletableFuture.failedFuture(f);
        }
    }

    private AsExchange.Preauthenticated verified(AsExchange.Decoded exchange, byte[] paPkAsReq) throws KdcFailure {
        DecodedAsReq request = exchange.request();
        VerifiedPkAsReq verified = pkinit.verify(paPkAsReq, request.reqBodyDer());
        checkFreshness(verified.freshnessToken());
        replays.check(verified, request.cname().getName());
        X509Certificate cert = verified.clientCertificate();
        return exchange.preauthenticated(new VerifiedPkinit(this, verified), exchange.audit().with(
                new AuditFacts.Pkinit(CertificateFacts.of(cert), verified.keyExchange().describe(),
                        verified.freshnessToken() == null ? "none" : "ok")));
    }

    /**
     * Its part of the AS-REP (MIT's return_padata): the reply key from the client's DH/ECDH public value or an
     * encrypted one (RFC 4556 3.2.3.1, 3.2.3.2), sent as PA-PK-AS-REP (RFC 4556 3.2.3, 3.2.4).
     */
    PreauthReply reply(VerifiedPkAsReq verified, AsExchange.Mapped exchange, PrincipalName tgs) throws KdcFailure {
        DecodedAsReq request = exchange.request();
        PkinitReply reply = pkinit.reply(verified, request.enctype(), exchange.wire(),
                withRealm(request.cname(), request.realm()), tgs);
        return new PreauthReply(reply.replyKey(),
                List.of(new PaDataItem(PaDataType.PK_AS_REP.getValue(), reply.paPkAsRep())), reply.kdf());
    }

    private static PrincipalName withRealm(PrincipalName name, String realm) {
        PrincipalName copy = new PrincipalName(name.getNameStrings(), name.getNameType());
        copy.setRealm(realm);
        return copy;
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
}
