package dev.pkinitkdc.revocation.crl;

import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationSource;
import dev.pkinitkdc.revocation.SourceAnswer;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/** PLACEHOLDER, replaced by the CRL work: CRLs from mirrors, HTTP and LDAP distribution points (RFC 5280 6.3). */
public final class CrlSource implements RevocationSource, AutoCloseable {
    public CrlSource(CrlOptions options, Clock clock, RevocationCounters counters) {
    }

    @Override
    public String kind() {
        return "crl";
    }

    @Override
    public CompletableFuture<SourceAnswer> check(CertificateToCheck certificate, FetchPolicy fetch) {
        return CompletableFuture.completedFuture(SourceAnswer.unknown("crl", "-", "CRL checking not built yet"));
    }

    @Override
    public void close() {
    }
}
