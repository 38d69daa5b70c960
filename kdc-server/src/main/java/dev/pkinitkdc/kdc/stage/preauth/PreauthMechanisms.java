package dev.pkinitkdc.kdc.stage.preauth;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.DecodedAsReq;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.asn1.EtypeInfo2;
import dev.pkinitkdc.pkinit.asn1.PaDataEncoding;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.server.FreshnessTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * The pre-authenticate stage: the KDC's {@link PreauthMechanism}s in its order of preference (MIT's preauth_systems
 * table). The first mechanism whose padata-type the request carries checks it; a request with none is refused with
 * KDC_ERR_PREAUTH_REQUIRED and the METHOD-DATA of {@link #methodData}.
 */
public final class PreauthMechanisms {
    private final List<PreauthMechanism> mechanisms;
    private final FreshnessTokens freshness;

    /**
     * @param mechanisms in the KDC's order: the order they are tried in and offered in
     * @param freshness the RFC 8070 tokens offered for the mechanisms that {@link PreauthMechanism#sendsFreshnessToken}
     */
    public PreauthMechanisms(List<PreauthMechanism> mechanisms, FreshnessTokens freshness) {
        if (mechanisms.isEmpty()) {
            throw new IllegalArgumentException("no pre-authentication mechanism");
        }
        this.mechanisms = List.copyOf(mechanisms);
        this.freshness = freshness;
    }

    /**
     * Completes with the exchange the chosen mechanism established, or exceptionally with its {@link KdcFailure}, or
     * PREAUTH_REQUIRED when the request carries no padata of any mechanism.
     */
    public CompletionStage<AsExchange.Preauthenticated> verify(AsExchange.Decoded exchange) {
        DecodedAsReq request = exchange.request();
        for (PreauthMechanism mechanism : mechanisms) {
            byte[] value = request.padataValue(mechanism.paType());
            if (value != null) {
                return mechanism.verify(exchange, value);
            }
        }
        String names = mechanisms.stream().map(PreauthMechanism::name).collect(Collectors.joining(" or "));
        return CompletableFuture.failedFuture(new KdcFailure(FailureReason.PREAUTH_REQUIRED,
                names + " pre-authentication required", methodData(request), null));
    }

    /**
     * The METHOD-DATA of a KDC_ERR_PREAUTH_REQUIRED (RFC 4120 3.1.3, 5.9.1), in a fixed order, as MIT's
     * get_preauth_hint_list: first what belongs to no mechanism, then each mechanism's hints in the KDC's order,
     * then a PA-AS-FRESHNESS with a new token when a mechanism sends one and the client sent an empty
     * PA-AS-FRESHNESS (RFC 8070 4).
     *
     * <p>What belongs to no mechanism is PA-ETYPE-INFO2 (RFC 4120 5.2.7.5), which AD and MIT send and which some
     * AD-oriented clients need to pick the enctype of their request: one entry per enctype of the request this KDC
     * would use for the reply, in the client's order, each with the RFC 4120 4 default salt of the request's realm
     * and cname. Never a salt from the directory: this KDC holds no long-term client keys, and a salt looked up
     * there would tell a caller without any proof whether the account exists (and its real name). s2kparams is
     * left out (the etype's default). There is no FAST (RFC 6113: PA-FX-FAST, PA-FX-COOKIE) yet; it goes here too.
     */
    byte[] methodData(DecodedAsReq request) {
        List<PaDataItem> methods = new ArrayList<>();
        methods.add(new PaDataItem(EtypeInfo2.PA_ETYPE_INFO2, EtypeInfo2.encode(
                request.usableEnctypes().stream().map(Enctype::value).toList(),
                EtypeInfo2.defaultSalt(request.realm(), request.cname().getNameStrings()))));
        mechanisms.forEach(m -> methods.addAll(m.hints(request)));
        if (request.padataValue(PaDataEncoding.PA_AS_FRESHNESS) != null
                && mechanisms.stream().anyMatch(PreauthMechanism::sendsFreshnessToken)) {
            methods.add(new PaDataItem(PaDataEncoding.PA_AS_FRESHNESS, freshness.issue()));
        }
        return PaDataEncoding.encodeSequence(methods);
    }
}
