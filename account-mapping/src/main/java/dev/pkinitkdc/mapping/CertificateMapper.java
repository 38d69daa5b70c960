package dev.pkinitkdc.mapping;

import java.security.cert.X509Certificate;
import java.util.concurrent.CompletionStage;

/**
 * Maps a validated client certificate to its directory account (MS-PKCA 3.1.5.2.1). The stage fails with a
 * {@code KdcFailure}: CLIENT_UNKNOWN, CLIENT_NOT_UNIQUE, CLIENT_NAME_MISMATCH or DIRECTORY_UNAVAILABLE
 * (dependent stages see it wrapped in a {@code CompletionException}, as usual for CompletableFuture).
 */
public interface CertificateMapper {
    CompletionStage<AccountMapping> map(X509Certificate certificate, ClientNameHint hint);
}
