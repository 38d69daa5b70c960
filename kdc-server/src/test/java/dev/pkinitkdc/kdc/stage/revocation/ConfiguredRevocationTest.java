package dev.pkinitkdc.kdc.stage.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.conf.RevocationSettings;
import dev.pkinitkdc.revocation.RevocationMode;
import dev.pkinitkdc.revocation.RevocationScope;
import dev.pkinitkdc.revocation.http.HttpLimits;
import dev.pkinitkdc.revocation.http.Redirects;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredRevocationTest {
    private static RevocationSettings settings(RevocationSettings.Mode mode, RevocationSettings.Scope scope,
                                               Duration ocspGrace, Duration crlGrace) {
        RevocationSettings d = RevocationSettings.defaults();
        return new RevocationSettings(mode, d.order(), scope, Optional.empty(), d.ocspTimeout(), ocspGrace,
                d.ocspNonce(), d.crlTimeout(), crlGrace, List.of(), Optional.empty(), d.crlMirrorPoll(),
                d.crlMaxBytes(),
                d.ocspMaxAge(),

                d.redirects(),
                d.maxFetchesPerHost());
    }

    @Test
    void redirectsAndTheFetchesPerHostBecomeOneSharedHttpLimit() {
        RevocationSettings d = RevocationSettings.defaults();
        assertEquals(Redirects.NONE, ConfiguredRevocation.httpLimits(d).redirects());
        assertEquals(4, ConfiguredRevocation.httpLimits(d).perOrigin().max());
        RevocationSettings s = new RevocationSettings(d.mode(), d.order(), d.scope(), d.ocspResponder(),
                d.ocspTimeout(), d.ocspGrace(), d.ocspNonce(), d.crlTimeout(), d.crlGrace(), d.crlMirror(),
                d.crlCacheDir(), d.crlMirrorPoll(), d.crlMaxBytes(), d.ocspMaxAge(),
                RevocationSettings.Redirects.SAME_ORIGIN, 8);
        HttpLimits limits = ConfiguredRevocation.httpLimits(s);
        assertEquals(Redirects.SAME_ORIGIN, limits.redirects());
        assertEquals(8, limits.perOrigin().max());
        assertSame(limits, ConfiguredRevocation.ocspOptions(s, limits).http());
        assertSame(limits, ConfiguredRevocation.crlOptions(s, limits).http());
    }

    @Test
    void theDefaultsWeakenNothing() {
        assertEquals(List.of(), ConfiguredRevocation.weakenings(RevocationSettings.defaults()));
    }

    @Test
    void everyWeakeningIsNamed() {
        List<String> w = ConfiguredRevocation.weakenings(settings(RevocationSettings.Mode.SOFT_FAIL,
                RevocationSettings.Scope.END_ENTITY, Duration.ofHours(4), Duration.ofHours(48)));
        assertEquals(4, w.size(), w.toString());
        assertTrue(w.get(0).startsWith("[revocation] mode = soft_fail"), w.get(0));
        assertTrue(w.get(1).startsWith("[revocation] ocsp_grace = 4h"), w.get(1));
        assertTrue(w.get(2).startsWith("[revocation] crl_grace = 48h"), w.get(2));
        assertTrue(w.get(3).startsWith("[revocation] scope = end_entity"), w.get(3));
        List<String> off = ConfiguredRevocation.weakenings(settings(RevocationSettings.Mode.OFF,
                RevocationSettings.Scope.CHAIN, Duration.ofHours(4), Duration.ZERO));
        assertEquals(1, off.size(), "with no checking, grace does not matter");
        assertTrue(off.get(0).contains("NOT CHECKED FOR REVOCATION"), off.get(0));
    }

    @Test
    void aLedgerInTheCacheFolderThatCannotBeReadStopsTheStart(@TempDir Path cache) throws Exception {
        Files.createDirectories(cache.resolve("revoked-ledger.txt"));
        RevocationSettings d = RevocationSettings.defaults();
        RevocationSettings withCache = new RevocationSettings(d.mode(), d.order(), d.scope(), Optional.empty(),
                d.ocspTimeout(), d.ocspGrace(), d.ocspNonce(), d.crlTimeout(), d.crlGrace(), List.of(),
                Optional.of(cache), d.crlMirrorPoll(), d.crlMaxBytes(), d.ocspMaxAge(), d.redirects(),
                d.maxFetchesPerHost());
        UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                () -> ConfiguredRevocation.start(withCache, Clock.systemUTC()).close());
        assertTrue(refused.getMessage().contains("cannot read the revocation ledger " + cache
                .resolve("revoked-ledger.txt")), refused.getMessage());
    }

    @Test
    void theCheckerHasTheConfiguredModeAndScope() {
        try (ConfiguredRevocation r = ConfiguredRevocation.start(settings(RevocationSettings.Mode.CACHED_ONLY,
                RevocationSettings.Scope.END_ENTITY, Duration.ZERO, Duration.ZERO), Clock.systemUTC())) {
            assertEquals(RevocationMode.CACHED_ONLY, r.checker().mode());
            assertEquals(RevocationScope.END_ENTITY, r.checker().scope());
        }
    }
}
