package dev.pkinitkdc.mapping;

import java.security.cert.X509Certificate;
import java.util.concurrent.CompletionStage;

/**
 * Maps a validated client certificate to its directory account (MS-PKCA 3.1.5.2.1). The stage fails with a
 * {@link MappingRefusal} (a KdcFailure carrying the trace): CLIENT_UNKNOWN, CLIENT_NOT_UNIQUE, CLIENT_NAME_MISMATCH,
 * CERTIFICATE_MISMATCH, ACCOUNT_DISABLED, ACCOUNT_EXPIRED, ACCOUNT_LOCKED_OUT; or a plain KdcFailure DIRECTORY_UNAVAILABLE
 * (dependent stages see it wrapped in a {@code CompletionException}, as usual for CompletableFuture).
 */
public interface CertificateMapper {
    CompletionStage<AccountMapping> map(X509Certificate certificate, ClientNameHint hint);
}
