package dev.pkinitkdc.revocation.http;

import static dev.pkinitkdc.revocation.http.HttpFetchLimitsTest.ascii;
import static dev.pkinitkdc.revocation.http.HttpFetchLimitsTest.failure;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.answer;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.byPath;
import static dev.pkinitkdc.revocation.testing.MisbehavingHttpServer.redirect;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.revocation.testing.MisbehavingHttpServer;
import dev.pkinitkdc.revocation.testing.MisbehavingServers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Redirects from a CDP or OCSP URL, with real servers on two loopback ports (two origins): none by default;
 * with same_origin only to the same scheme, host and port, at most three times.
 */
class HttpFetchRedirectsTest {
    @RegisterExtension
    final MisbehavingServers servers = new MisbehavingServers();
    private final ExecutorService callbacks = servers.callbacks;
    /** Another origin (another loopback port) serving a body the attacker wants the KDC to take. */
    private final MisbehavingHttpServer elsewhere = servers.start(answer(200, ascii("elsewhere")));

    private HttpFetch fetch(Redirects redirects) {
        return new HttpFetch(Duration.ofSeconds(10), 1 << 20, callbacks, HttpLimits.of(redirects, 4));
    }

    @Test
    void byDefaultARedirectIsAnUnavailableAnswerNamingIt() throws Exception {
        MisbehavingHttpServer cdp = servers.start(redirect(302, elsewhere.url("/ca.crl").toString()));
        HttpFetch http = new HttpFetch(Duration.ofSeconds(10), 1 << 20, callbacks);
        String why = failure(http, http.get(cdp.url("/ca.crl")));
        assertEquals(cdp.url("/ca.crl") + ": HTTP 302 redirect to " + elsewhere.url("/ca.crl")
                + " not followed: redirects are not followed ([revocation] redirects = none)", why);
        assertEquals(0, elsewhere.accepted(), "the redirect's target was not asked");
    }

    @Test
    void noneRefusesEvenTheSameOrigin() throws Exception {
        MisbehavingHttpServer cdp = servers.start(byPath("/moved", redirect(301, "/ca.crl"), answer(200, ascii("crl"))));
        HttpFetch http = fetch(Redirects.NONE);
        assertTrue(failure(http, http.get(cdp.url("/moved"))).contains("HTTP 301 redirect to"));
        assertEquals(1, cdp.requests().size());
    }

    @Test
    void sameOriginRefusesAnotherPortOfTheSameHost() throws Exception {
        MisbehavingHttpServer cdp = servers.start(redirect(307, elsewhere.url("/ca.crl").toString()));
        HttpFetch http = fetch(Redirects.SAME_ORIGIN);
        String why = failure(http, http.get(cdp.url("/ca.crl")));
        assertTrue(why.endsWith("not followed: it leads to another origin than http://127.0.0.1:" + cdp.port()), why);
        assertEquals(0, elsewhere.accepted(), "the other origin was not asked");
    }

    @Test
    void sameOriginFollowsWithinTheOriginAndSendsTheSameRequest() throws Exception {
        MisbehavingHttpServer ocsp = servers.start(byPath("/old", redirect(308, "/new"), answer(200, ascii("response"))));
        HttpFetch http = fetch(Redirects.SAME_ORIGIN);
        assertArrayEquals(ascii("response"), http.post(ocsp.url("/old"), "application/ocsp-request", ascii("req"))
                .get(30, TimeUnit.SECONDS));
        assertEquals(List.of("POST /old HTTP/1.1", "POST /new HTTP/1.1"), ocsp.requests());
    }

    @Test
    void sameOriginNeverChangesScheme() throws Exception {
        for (String target : List.of("https://127.0.0.1:%d/ca.crl", "ldap://127.0.0.1:%d/cn=x", "file:///etc/passwd")) {
            MisbehavingHttpServer cdp = servers.start(redirect(302, "placeholder"));
            cdp.behave(redirect(302, String.format(target, cdp.port())));
            HttpFetch http = fetch(Redirects.SAME_ORIGIN);
            String why = failure(http, http.get(cdp.url("/ca.crl")));
            assertTrue(why.endsWith("not followed: it leads to another scheme"), why);
            assertEquals(1, cdp.requests().size());
        }
    }

    @Test
    void sameOriginFollowsAtMostThreeRedirects() throws Exception {
        MisbehavingHttpServer loop = servers.start(redirect(302, "/again"));
        HttpFetch http = fetch(Redirects.SAME_ORIGIN);
        String why = failure(http, http.get(loop.url("/start")));
        assertTrue(why.endsWith("not followed: more than 3 redirects"), why);
        assertEquals(4, loop.requests().size(), "the first request and three redirects");
    }
}
