package dev.pkinitkdc.kdc.stage.trust.ntauth;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.ValidatedCertificate;
import java.security.cert.X509Certificate;
import java.util.function.Supplier;

/**
 * Windows' NTAuth rule (MS-PKCA 3.1.5.2.1.1, KB5057784): a logon certificate is accepted only when the CA that
 * issued it — the second element of the built path, or the trust anchor when the anchor issued it directly — is
 * in the enterprise NTAuth store. A root alone in the store is not enough. Otherwise KDC_ERR_CLIENT_NOT_TRUSTED.
 */
public final class NtAuthPolicy {
    private final Supplier<NtAuthStore> store;
    private final String source;

    /** @param store the current snapshot; called once per check, never blocks */
    public NtAuthPolicy(Supplier<NtAuthStore> store, String source) {
        this.store = store;
        this.source = source;
    }

    /** No NTAuth check ({@code [ntauth] source = off}; a lab convenience that weakens security). */
    public static NtAuthPolicy off() {
        return new NtAuthPolicy(null, "off");
    }

    public boolean enabled() {
        return store != null;
    }

    /** {@code directory CN=NTAuthCertificates,...}, {@code files ...} or {@code off}. */
    public String source() {
        return source;
    }

    /** The CA whose presence in the store decides: the end entity's issuer in the path. */
    public static X509Certificate issuingCa(ValidatedCertificate validated) {
        return validated.path().size() > 1 ? validated.path().get(1) : validated.anchor();
    }

    /**
     * @return for the audit line's {@code ntauth} trust step: {@code ok THUMBPRINT} of the issuing CA found in the
     *         store, or {@code off}
     * @throws KdcFailure CLIENT_NOT_TRUSTED naming the issuing CA's subject and SHA-1 thumbprint
     */
    public String check(ValidatedCertificate validated) throws KdcFailure {
        if (!enabled()) {
            return "off";
        }
        NtAuthCa issuing = NtAuthCa.of(issuingCa(validated));
        if (!store.get().contains(issuing.certificate())) {
            throw new KdcFailure(FailureReason.CLIENT_NOT_TRUSTED, "issuing CA " + issuing.describe()
                    + " is not in the NTAuth store (" + source + ")");
        }
        return "ok " + issuing.thumbprint();
    }
}
