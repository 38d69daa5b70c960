package dev.pkinitkdc.revocation.crl;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.pkinit.labpki.CrlBuilder;
import dev.pkinitkdc.revocation.CertificateToCheck;
import dev.pkinitkdc.revocation.FetchPolicy;
import dev.pkinitkdc.revocation.GracePeriod;
import dev.pkinitkdc.revocation.RevocationChecker;
import dev.pkinitkdc.revocation.RevocationCounters;
import dev.pkinitkdc.revocation.RevocationDecision;
import dev.pkinitkdc.revocation.RevocationMode;
import dev.pkinitkdc.revocation.RevocationScope;
import dev.pkinitkdc.revocation.RevokedLedger;
import dev.pkinitkdc.revocation.testing.CrlServer;
import dev.pkinitkdc.revocation.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.Test;

/**
 * The mode × source-state table of conf/README.md, checked: each state is built for real (a CRL distribution
 * point on 127.0.0.1 in that state, a test clock for staleness), the checker runs in each mode, and the answer
 * (allowed, 72, 73, 74) must be what the table says. Fails if the table is missing or has other rows or columns.
 */
class RevocationModeTableTest {
    private static final Path README = Path.of("").toAbsolutePath().getParent().resolve("conf/README.md");
    private static final String HEADER = "| source state | hard_fail | soft_fail | cached_only | off |";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Duration GRACE = Duration.ofHours(2);
    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final String PATH = "/issuing.crl";

    /** The rows, in the table's order. */
    enum State {
        GOOD, REVOKED, UNKNOWN, UNAVAILABLE, STALE_WITHIN_GRACE, STALE_BEYOND_GRACE, REVOKED_THEN_BLOCKED;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace("_then_", "-then-").replace('_', ' ');
        }
    }

    private static final List<RevocationMode> COLUMNS = List.of(RevocationMode.HARD_FAIL, RevocationMode.SOFT_FAIL,
            RevocationMode.CACHED_ONLY, RevocationMode.OFF);

    @Test
    void theTableInConfReadmeIsWhatTheCheckerDoes() throws Exception {
        Map<State, List<String>> documented = table();
        List<String> differences = new ArrayList<>();
        for (State state : State.values()) {
            for (int column = 0; column < COLUMNS.size(); column++) {
                RevocationMode mode = COLUMNS.get(column);
                String measured = run(state, mode);
                String expected = documented.get(state).get(column);
                if (!expected.equals(measured)) {
                    differences.add(state.label() + " × " + mode.name().toLowerCase(Locale.ROOT) + ": README says "
                            + expected + ", the checker answers " + measured);
                }
            }
        }
        assertEquals(List.of(), differences, "conf/README.md's mode × source-state table is wrong");
    }

    /** The answer of the table's cells: the first word (notes in parentheses follow). */
    static Map<State, List<String>> table() throws Exception {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int header = lines.indexOf(HEADER);
        assertTrue(header >= 0, "conf/README.md has no mode × source-state table (" + HEADER + ")");
        Map<State, List<String>> rows = new LinkedHashMap<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            String[] cells = lines.get(i).split("\\|");
            assertEquals(6, cells.length, "a row of 5 cells: " + lines.get(i));
            String label = cells[1].strip();
            State state = java.util.Arrays.stream(State.values()).filter(s -> s.label().equals(label)).findFirst()
                    .orElseThrow(() -> new AssertionError("an unknown source state in the table: " + label));
            List<String> answers = new ArrayList<>();
            for (int c = 2; c < 6; c++) {
                String answer = cells[c].strip().split(" ")[0];
                assertTrue(List.of("allowed", "72", "73", "74").contains(answer), "a cell: " + cells[c]);
                answers.add(answer);
            }
            rows.put(state, answers);
        }
        assertEquals(List.of(State.values()), List.copyOf(rows.keySet()), "the table's rows");
        return rows;
    }

    /** One cell: the state built for a fresh KDC (source, ledger, clock) running in {@code mode}. */
    private static String run(State state, RevocationMode mode) throws Exception {
        MutableClock clock = new MutableClock(NOW);
        RevocationCounters counters = new RevocationCounters();
        try (CrlServer server = new CrlServer();
             CrlSource source = new CrlSource(new CrlOptions(Duration.ofSeconds(5), new GracePeriod(GRACE), List.of(),
                     Optional.empty(), Duration.ofSeconds(60), 1 << 20), clock, counters)) {
            CertificateToCheck user = TestPki.user(server.url(PATH));
            CrlBuilder crl = CrlBuilder.by(TestPki.ca()).number(1).validity(NOW.minusSeconds(60), NOW.plus(LIFETIME));
            switch (state) {
                case REVOKED, REVOKED_THEN_BLOCKED -> crl.revoke(user.certificate().getSerialNumber(),
                        NOW.minusSeconds(3600), CRLReason.keyCompromise);
                case UNKNOWN -> crl.distributionPoint("http://elsewhere.lab.example/other.crl"); // out of scope
                default -> { }
            }
            if (state == State.UNAVAILABLE) {
                server.failWith(503);
            } else {
                server.serve(PATH, crl.build());
            }
            RevocationChecker checker = new RevocationChecker(List.of(source), mode, RevocationScope.END_ENTITY,
                    counters, RevokedLedger.inMemory(clock));
            RevocationDecision first = check(checker, user);
            if (mode == RevocationMode.CACHED_ONLY) {
                // the first logon found nothing held and started the download; wait until it has landed (a
                // network check joins the running download) and let the next logon see it. A KDC that never
                // downloads in cached_only shows as differences from the table, not as a timeout here.
                try {
                    await().atMost(Duration.ofSeconds(30)).until(() -> server.requests(PATH) >= 1);   // generous
                    TestPki.await(source.check(user, FetchPolicy.NETWORK));
                } catch (ConditionTimeoutException neverDownloaded) {
                    // compared below
                }
                first = check(checker, user);
            }
            switch (state) {
                case STALE_WITHIN_GRACE -> block(server, clock, LIFETIME.plus(GRACE.dividedBy(2)));
                case STALE_BEYOND_GRACE, REVOKED_THEN_BLOCKED -> block(server, clock, LIFETIME.plus(GRACE).plus(
                        Duration.ofHours(1)));
                default -> { }
            }
            return answer(state == State.GOOD || state == State.REVOKED || state == State.UNKNOWN
                    || state == State.UNAVAILABLE ? first : check(checker, user));
        }
    }

    private static void block(CrlServer server, MutableClock clock, Duration later) {
        server.failWith(503);
        clock.advance(later);
    }

    private static RevocationDecision check(RevocationChecker checker, CertificateToCheck user) throws Exception {
        return TestPki.await(checker.check(List.of(user.certificate()), user.issuer()));
    }

    /** As the KDC answers (RFC 4556 3.2.3): the logon goes on, or the error code. */
    private static String answer(RevocationDecision decision) {
        if (decision.allowed()) {
            return "allowed";
        }
        return switch (decision.status()) {
            case REVOKED -> "72";
            case UNKNOWN -> "73";
            case UNAVAILABLE -> "74";
            case GOOD -> throw new AssertionError("refused although good: " + decision.explanation());
        };
    }
}
