package dev.pkinitkdc.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The combining rules of RevocationChecker, with sources that give fixed answers (value fixtures, no I/O). */
class RevocationCheckerTest {
    static CertifiedKey root;
    static CertifiedKey issuing;
    static CertifiedKey alice;
    static List<X509Certificate> path;

    @BeforeAll
    static void pki() {
        root = CertificateBuilder.withNewKey("CN=Root").ca(null).selfSigned();
        issuing = CertificateBuilder.withNewKey("CN=Issuing").ca(0).issuedBy(root);
        alice = CertificateBuilder.withNewKey("CN=alice").issuedBy(issuing);
        path = List.of(alice.certificate(), issuing.certificate());
    }

    /** Answers by the checked certificate's CN; records what it was asked, with which issuer and fetch policy. */
    static final class FixedSource implements RevocationSource {
        final String kind;
        final Map<String, SourceAnswer> answers = new HashMap<>();
        final List<String> asked = Collections.synchronizedList(new ArrayList<>());

        FixedSource(String kind) {
            this.kind = kind;
        }

        FixedSource answer(String cn, RevocationStatus status) {
            answers.put(cn, answerOf(kind, status, false));
            return this;
        }

        FixedSource answer(String cn, SourceAnswer answer) {
            answers.put(cn, answer);
            return this;
        }

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public CompletableFuture<SourceAnswer> check(CertificateToCheck c, FetchPolicy fetch) {
            String cn = c.certificate().getSubjectX500Principal().getName();
            asked.add(cn + " by " + c.issuer().getSubjectX500Principal().getName() + " " + fetch);
            return CompletableFuture.completedFuture(answers.getOrDefault(cn,
                    SourceAnswer.unknown(kind, "-", "no answer for " + cn)));
        }
    }

    static SourceAnswer answerOf(String kind, RevocationStatus status, boolean grace) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new SourceAnswer(kind, "http://127.0.0.1:1/" + kind, status, Optional.of(now),
                Optional.of(now.plusSeconds(3600)), grace,
                status == RevocationStatus.REVOKED ? Optional.of(new RevokedEntry(now, "keyCompromise"))
                        : Optional.empty(),
                status + " from " + kind);
    }

    private static RevocationDecision check(RevocationMode mode, RevocationScope scope, RevocationCounters counters,
                                            RevocationSource... sources) {
        return new RevocationChecker(List.of(sources), mode, scope, counters)
                .check(path, root.certificate()).join();
    }

    private static RevocationDecision check(RevocationMode mode, RevocationSource... sources) {
        return check(mode, RevocationScope.CHAIN, new RevocationCounters(), sources);
    }

    @Test
    void theFirstDefiniteAnswerWinsAndLaterSourcesAreNotAsked() {
        FixedSource ocsp = new FixedSource("ocsp").answer("CN=alice", RevocationStatus.GOOD)
                .answer("CN=Issuing", RevocationStatus.GOOD);
        FixedSource crl = new FixedSource("crl").answer("CN=alice", RevocationStatus.REVOKED);

        RevocationDecision d = check(RevocationMode.HARD_FAIL, ocsp, crl);

        assertTrue(d.allowed());
        assertEquals(RevocationStatus.GOOD, d.status());
        assertEquals("ocsp", d.decidedBy());
        assertEquals(List.of(), crl.asked);
    }

    @Test
    void eachCertificateIsAskedWithItsIssuerTheLastWithTheAnchor() {
        FixedSource ocsp = new FixedSource("ocsp").answer("CN=alice", RevocationStatus.GOOD)
                .answer("CN=Issuing", RevocationStatus.GOOD);

        check(RevocationMode.HARD_FAIL, ocsp);

        assertEquals(java.util.Set.of("CN=alice by CN=Issuing NETWORK", "CN=Issuing by CN=Root NETWORK"),
                java.util.Set.copyOf(ocsp.asked));
    }

    @Test
    void anUndecidedSourceFallsThroughToTheNextAndRevokedRefusesNamingCertificateAndSource() {
        FixedSource ocsp = new FixedSource("ocsp");
        FixedSource crl = new FixedSource("crl").answer("CN=alice", RevocationStatus.REVOKED)
                .answer("CN=Issuing", RevocationStatus.GOOD);

        RevocationDecision d = check(RevocationMode.HARD_FAIL, ocsp, crl);

        assertFalse(d.allowed());
        assertEquals(RevocationStatus.REVOKED, d.status());
        assertEquals("crl", d.decidedBy());
        assertEquals("certificate CN=alice serial " + alice.certificate().getSerialNumber().toString(16).toUpperCase()
                + " revoked (keyCompromise) since 2026-01-01T00:00:00Z per CRL http://127.0.0.1:1/crl",
                d.explanation());
    }

    @Test
    void aRevokedIssuingCaRefusesUnderScopeChainButNotUnderEndEntity() {
        FixedSource ocsp = new FixedSource("ocsp").answer("CN=alice", RevocationStatus.GOOD)
                .answer("CN=Issuing", RevocationStatus.REVOKED);

        RevocationDecision chain = check(RevocationMode.HARD_FAIL, ocsp);
        assertEquals(RevocationStatus.REVOKED, chain.status());
        assertTrue(chain.explanation().startsWith("certificate CN=Issuing serial "), chain.explanation());

        RevocationDecision endEntity = check(RevocationMode.HARD_FAIL, RevocationScope.END_ENTITY,
                new RevocationCounters(), ocsp);
        assertEquals(RevocationStatus.GOOD, endEntity.status());
        assertEquals(1, endEntity.certificates().size());
    }

    @Test
    void unavailableOutranksUnknownAndHardFailRefusesWithoutSayingRevoked() {
        FixedSource ocsp = new FixedSource("ocsp").answer("CN=alice", RevocationStatus.UNKNOWN)
                .answer("CN=Issuing", RevocationStatus.UNAVAILABLE);
        FixedSource crl = new FixedSource("crl").answer("CN=alice", RevocationStatus.UNKNOWN)
                .answer("CN=Issuing", RevocationStatus.UNKNOWN);

        RevocationDecision d = check(RevocationMode.HARD_FAIL, ocsp, crl);

        assertFalse(d.allowed());
        assertEquals(RevocationStatus.UNAVAILABLE, d.status());
        assertEquals("ocsp", d.decidedBy());
        assertEquals(RevocationStatus.UNAVAILABLE, d.certificates().get(1).status());
        assertTrue(d.explanation().startsWith("status of certificate CN=Issuing serial "), d.explanation());
        assertTrue(d.explanation().contains("could not check: OCSP http://127.0.0.1:1/ocsp: UNAVAILABLE from ocsp; "
                + "CRL http://127.0.0.1:1/crl: UNKNOWN from crl"), d.explanation());
        assertFalse(d.explanation().contains("revoked"), d.explanation());
    }

    @Test
    void unknownEverywhereRefusesWithUnknownUnderHardFail() {
        RevocationDecision d = check(RevocationMode.HARD_FAIL, new FixedSource("ocsp"), new FixedSource("crl"));

        assertFalse(d.allowed());
        assertEquals(RevocationStatus.UNKNOWN, d.status());
        assertEquals("crl", d.decidedBy());
        assertTrue(d.explanation().startsWith("status of certificate CN=alice"), d.explanation());
    }

    @Test
    void softFailAllowsAnUndeterminedStatusAndCountsIt() {
        RevocationCounters counters = new RevocationCounters();
        FixedSource ocsp = new FixedSource("ocsp").answer("CN=alice", RevocationStatus.UNAVAILABLE);

        RevocationDecision d = check(RevocationMode.SOFT_FAIL, RevocationScope.CHAIN, counters, ocsp);

        assertTrue(d.allowed());
        assertEquals(RevocationStatus.UNAVAILABLE, d.status());
        assertEquals("mode=soft_fail", d.decidedBy());
        assertEquals(1, counters.softFailAllowed.get());
    }

    @Test
    void revokedIsRefusedInSoftFailAndCachedOnlyToo() {
        for (RevocationMode mode : List.of(RevocationMode.SOFT_FAIL, RevocationMode.CACHED_ONLY)) {
            RevocationCounters counters = new RevocationCounters();
            FixedSource ocsp = new FixedSource("ocsp").answer("CN=alice", RevocationStatus.REVOKED);
            RevocationDecision d = check(mode, RevocationScope.CHAIN, counters, ocsp);
            assertFalse(d.allowed(), mode.name());
            assertEquals(RevocationStatus.REVOKED, d.status());
            assertEquals(0, counters.softFailAllowed.get() + counters.cachedOnlyAllowed.get());
        }
    }

    @Test
    void cachedOnlyAsksForCachedAnswersAndAllowsUnknown() {
        RevocationCounters counters = new RevocationCounters();
        FixedSource crl = new FixedSource("crl").answer("CN=Issuing", RevocationStatus.GOOD);

        RevocationDecision d = check(RevocationMode.CACHED_ONLY, RevocationScope.CHAIN, counters, crl);

        assertTrue(d.allowed());
        assertEquals(RevocationStatus.UNKNOWN, d.status());
        assertEquals("mode=cached_only", d.decidedBy());
        assertTrue(crl.asked.stream().allMatch(a -> a.endsWith(" CACHED_ONLY")), crl.asked.toString());
        assertEquals(1, counters.cachedOnlyAllowed.get());
    }

    @Test
    void offAsksNoSource() {
        FixedSource ocsp = new FixedSource("ocsp").answer("CN=alice", RevocationStatus.REVOKED);

        RevocationDecision d = check(RevocationMode.OFF, ocsp);

        assertTrue(d.allowed());
        assertEquals("mode=off", d.decidedBy());
        assertEquals(List.of(), ocsp.asked);
        assertEquals(List.of(), d.certificates());
    }

    @Test
    void anAnswerUsedWithinGraceDecidesAsGraceEvenOnAnotherCertificate() {
        FixedSource crl = new FixedSource("crl").answer("CN=alice", RevocationStatus.GOOD)
                .answer("CN=Issuing", answerOf("crl", RevocationStatus.GOOD, true));

        RevocationDecision d = check(RevocationMode.HARD_FAIL, crl);

        assertTrue(d.allowed());
        assertEquals("grace", d.decidedBy());
        assertEquals(issuing.certificate(), d.decisive().orElseThrow().certificate());
        assertTrue(d.explanation().contains("used within grace"), d.explanation());
    }

    @Test
    void aSourceThatThrowsOrFailsCountsAsUnavailable() {
        RevocationSource throwing = new RevocationSource() {
            @Override
            public String kind() {
                return "ocsp";
            }

            @Override
            public CompletableFuture<SourceAnswer> check(CertificateToCheck c, FetchPolicy f) {
                throw new IllegalStateException("broken");
            }
        };
        RevocationSource failing = new RevocationSource() {
            @Override
            public String kind() {
                return "crl";
            }

            @Override
            public CompletableFuture<SourceAnswer> check(CertificateToCheck c, FetchPolicy f) {
                return CompletableFuture.failedFuture(new IllegalStateException("failed"));
            }
        };

        RevocationDecision d = check(RevocationMode.HARD_FAIL, throwing, failing);

        assertFalse(d.allowed());
        assertEquals(RevocationStatus.UNAVAILABLE, d.status());
        assertEquals(List.of(RevocationStatus.UNAVAILABLE, RevocationStatus.UNAVAILABLE),
                d.certificates().get(0).answers().stream().map(SourceAnswer::status).toList());
    }

    @Test
    void theCertificatesOfTheChainAreCheckedConcurrently() {
        CompletableFuture<SourceAnswer> aliceAnswer = new CompletableFuture<>();
        List<String> asked = Collections.synchronizedList(new ArrayList<>());
        RevocationSource slowForAlice = new RevocationSource() {
            @Override
            public String kind() {
                return "ocsp";
            }

            @Override
            public CompletableFuture<SourceAnswer> check(CertificateToCheck c, FetchPolicy f) {
                String cn = c.certificate().getSubjectX500Principal().getName();
                asked.add(cn);
                return cn.equals("CN=alice") ? aliceAnswer
                        : CompletableFuture.completedFuture(answerOf("ocsp", RevocationStatus.GOOD, false));
            }
        };

        CompletableFuture<RevocationDecision> pending = new RevocationChecker(List.of(slowForAlice),
                RevocationMode.HARD_FAIL, RevocationScope.CHAIN, new RevocationCounters())
                .check(path, root.certificate());

        assertFalse(pending.isDone());
        assertEquals(List.of("CN=alice", "CN=Issuing"), asked);   // the CA was asked while alice's answer pends
        aliceAnswer.complete(answerOf("ocsp", RevocationStatus.GOOD, false));
        assertTrue(pending.join().allowed());
    }
}
