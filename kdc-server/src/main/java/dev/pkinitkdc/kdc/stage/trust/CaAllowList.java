package dev.pkinitkdc.kdc.stage.trust;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.ValidatedCertificate;
import dev.pkinitkdc.kdc.support.identity.KdcCertificateCheck;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An optional list of the only CAs trusted for logon, by SHA-1 thumbprint: a path must contain one of them
 * (an intermediate or its anchor) even when other anchors are configured. Empty: every anchor is trusted.
 */
public final class CaAllowList {
    private final Set<String> thumbprints;

    public CaAllowList(List<String> thumbprints) {
        this.thumbprints = Set.copyOf(thumbprints);
    }

    public void check(ValidatedCertificate validated) throws KdcFailure {
        if (thumbprints.isEmpty()) {
            return;
        }
        List<X509Certificate> cas = new ArrayList<>(validated.path().subList(1, validated.path().size()));
        cas.add(validated.anchor());
        if (cas.stream().map(KdcCertificateCheck::thumbprint).noneMatch(thumbprints::contains)) {
            throw new KdcFailure(FailureReason.CLIENT_NOT_TRUSTED, "no CA on the path to "
                    + validated.anchor().getSubjectX500Principal().getName() + " is in allowed_ca_thumbprints");
        }
    }
}
