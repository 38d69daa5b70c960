package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationSource;
import dev.pkinitkdc.revocation.SourceAnswer;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** PLACEHOLDER, replaced by the OCSP work: OCSP (RFC 6960) against the AIA URL or a configured responder. */
public final class OcspSource implements RevocationSource, AutoCloseable {
    public OcspSource(OcspOptions options, Clock clock, RevocationCounters counters) {
    }

    @Override
    public String kind() {
        return "ocsp";
    }

    @Override
    public CompletableFuture<SourceAnswer> check(CertificateToCheck certificate, FetchPolicy fetch) {
        return CompletableFuture.completedFuture(SourceAnswer.unknown("ocsp", "-", "OCSP checking not built yet"));
    }

    @Override
    public void close() {
    }
}
