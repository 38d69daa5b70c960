package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.AsReqExtensions;
import dev.pkinitkdc.pkinit.client.KdcTransport;
import dev.pkinitkdc.pkinit.client.PkinitAsReq;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab KDC's JSON audit log ({@code [audit] file = log/audit.jsonl}) read field by field after real logons of
 * our own client, and its Prometheus endpoint ({@code [metrics] listen}) scraped over HTTP: alice twice (a ticket
 * each, the second from the caches), {@code revoked} (72, by the lab's OCSP responder) and {@code weak} (66).
 */
class AuditLogAndMetricsTest {
    @TempDir
    Path dir;

    private static AsExchangeResult logon(LabKdc kdc, String user) throws Exception {
        return OwnClient.logon(kdc.lab, user, user, PkinitClientOptions.defaults(), false);
    }

    private static String hex(String digest, byte[] data) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(digest).digest(data));
    }

    @Test
    void everyRequestLeavesOneJsonLineWithItsFactsAndTheEndpointCountsThem() throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("lab"));
             LabKdc kdc = LabKdc.start(dir.resolve("lab"))) {
            AsExchangeResult.Success first = assertInstanceOf(AsExchangeResult.Success.class, logon(kdc, "alice"));
            AsExchangeResult.Success second = assertInstanceOf(AsExchangeResult.Success.class, logon(kdc, "alice"));
            assertEquals(72, assertInstanceOf(AsExchangeResult.Error.class, logon(kdc, "revoked")).errorCode());
            assertEquals(66, assertInstanceOf(AsExchangeResult.Error.class, logon(kdc, "weak")).errorCode());

            List<JsonNode> records = audit.records();
            assertEquals(4, records.size(), "one line per AS-REQ: " + records);
            assertAliceLogon(kdc, records.get(0));
            assertEquals("ok", records.get(1).path("result").asText());
            assertRevokedRefusal(kdc, records.get(2));
            assertWeakRefusal(kdc, records.get(3));
            assertNoKeyMaterial(kdc, audit.file(), List.of(first, second));

            assertMetrics(kdc);

            // A reload re-assembles the pipeline (a new path cache); the audit file and the counts go on.
            Files.writeString(kdc.conf,
                    Files.readString(kdc.conf).replace("ecdh_min_bits = 256", "ecdh_min_bits = 384"));
            assertTrue(kdc.runtime.reload().get(30, java.util.concurrent.TimeUnit.SECONDS), "the reload applied");
            assertInstanceOf(AsExchangeResult.Success.class, logon(kdc, "alice"));
            assertEquals(5, audit.records().size(), "the same audit file after the reload");
            assertEquals("ok", audit.records().get(4).path("result").asText());
            String body = scrape(kdc);
            assertEquals(3, sample(body, "pkinit_kdc_requests_total{code=\"0\",result=\"ok\"}"));
            assertEquals(5, sample(body, "pkinit_kdc_request_duration_seconds_count"));
            assertTrue(sample(body, "pkinit_kdc_cache_hits_total{cache=\"validation\"}") >= 1,
                    "the old path cache's hit is kept");
            assertTrue(sample(body, "pkinit_kdc_cache_misses_total{cache=\"validation\"}") >= 4,
                    "three before the reload, and alice's first in the new cache: " + body);
        }
    }

    /**
     * RFC 4120 7.2.1 over the wire: a PKINIT AS-REP does not fit in a UDP datagram. Its issuance leaves the "ok"
     * line, the datagram that went out a line and count saying 52, and the client's retry of the same bytes over
     * TCP, answered from the lookaside cache, a "lookaside" line and count.
     */
    @Test
    void aReplyReplacedBy52AndTheRetryAnsweredFromTheLookasideCacheEachLeaveTheirLineAndCount() throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("lab"));
             LabKdc kdc = LabKdc.start(dir.resolve("lab"))) {
            PkinitClient client = OwnClient.client(kdc.lab, "alice", PkinitClientOptions.defaults());
            PkinitAsReq request = client.newAsReq(OwnClient.principal("alice"), kdc.lab.realm(),
                    AsReqExtensions.none());
            assertEquals(52, KdcTransport.errorCode(OwnClient.udp(kdc.lab, request.encoded())));
            byte[] overTcp = OwnClient.tcp(kdc.lab, request.encoded());
            assertInstanceOf(AsExchangeResult.Success.class, client.processReply(request, overTcp));

            List<JsonNode> records = audit.records();
            assertEquals(List.of("ok", "refused", "lookaside"),
                    records.stream().map(r -> r.path("result").asText()).toList(), records::toString);
            JsonNode tooBig = records.get(1);
            assertEquals("udp", tooBig.path("transport").asText(), tooBig::toString);
            assertEquals(52, tooBig.path("error_code").asInt(), tooBig::toString);
            assertEquals("RESPONSE_TOO_BIG", tooBig.path("error_reason").asText(), tooBig::toString);
            assertEquals("udp_reply_limit", tooBig.path("refused_at").asText(), tooBig::toString);
            JsonNode replayed = records.get(2);
            assertEquals("tcp", replayed.path("transport").asText(), replayed::toString);
            assertFalse(replayed.has("error_code"), "the AS-REP was sent again: " + replayed);

            String body = scrape(kdc);
            assertEquals(1, sample(body, "pkinit_kdc_requests_total{code=\"0\",result=\"ok\"}"));
            assertEquals(1, sample(body, "pkinit_kdc_requests_total{code=\"52\",result=\"refused\"}"));
            assertEquals(1, sample(body, "pkinit_kdc_requests_total{code=\"0\",result=\"lookaside\"}"));
            assertEquals(1, sample(body, "pkinit_kdc_cache_hits_total{cache=\"lookaside\"}"));
        }
    }

    /** A retransmitted datagram gets the first copy's reply bytes from the lookaside cache, and a line and count. */
    @Test
    void aRetransmittedDatagramGetsTheSameReplyAndOneLookasideLineAndCount() throws Exception {
        try (AuditFile audit = new AuditFile(dir.resolve("lab"));
             LabKdc kdc = LabKdc.start(dir.resolve("lab"))) {
            PkinitClient client = OwnClient.client(kdc.lab, "alice", PkinitClientOptions.defaults());
            byte[] request = client.freshnessRequest(OwnClient.principal("alice"), kdc.lab.realm());
            byte[] first = OwnClient.udp(kdc.lab, request);
            assertEquals(25, KdcTransport.errorCode(first), "KDC_ERR_PREAUTH_REQUIRED");
            assertArrayEquals(first, OwnClient.udp(kdc.lab, request), "the same reply bytes");

            List<JsonNode> records = audit.records();
            assertEquals(List.of("refused", "lookaside"),
                    records.stream().map(r -> r.path("result").asText()).toList(), records::toString);
            assertEquals("udp", records.get(1).path("transport").asText(), records::toString);
            assertEquals(25, records.get(1).path("error_code").asInt(), records::toString);
            String body = scrape(kdc);
            assertEquals(1, sample(body, "pkinit_kdc_requests_total{code=\"25\",result=\"refused\"}"));
            assertEquals(1, sample(body, "pkinit_kdc_requests_total{code=\"25\",result=\"lookaside\"}"));
        }
    }

    private static String scrape(LabKdc kdc) throws Exception {
        URI url = kdc.runtime.telemetry().endpoint().orElseThrow().url();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private static void assertAliceLogon(LabKdc kdc, JsonNode r) throws Exception {
        LabUser alice = kdc.lab.user("alice");
        X509Certificate cert = PemFiles.certificate(alice.certificate());
        X509Certificate issuing = PemFiles.certificate(kdc.lab.layout().issuingCertificate());
        X509Certificate root = PemFiles.certificate(kdc.lab.layout().rootCertificate());

        Instant time = Instant.parse(r.path("time").asText());
        assertTrue(Duration.between(time, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) < 0, r::toString);
        assertTrue(r.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), r::toString);
        assertEquals("127.0.0.1", r.path("client").asText());
        assertEquals("tcp", r.path("transport").asText());
        assertEquals("alice", r.path("cname").asText());
        assertEquals(LabKdc.REALM, r.path("realm").asText());
        assertTrue(r.path("padata").isArray() && r.path("padata").size() > 0, r::toString);
        assertTrue(r.path("kx").asText().startsWith("dh-modp"), r::toString);

        JsonNode c = r.path("certificate");
        assertEquals(cert.getSubjectX500Principal().getName(), c.path("subject").asText());
        assertEquals(cert.getIssuerX500Principal().getName(), c.path("issuer").asText());
        assertEquals(cert.getSerialNumber().toString(16), c.path("serial").asText());
        assertEquals(hex("SHA-1", cert.getEncoded()), c.path("thumbprint_sha1").asText());
        assertEquals(hex("SHA-256", cert.getEncoded()), c.path("thumbprint_sha256").asText());

        JsonNode trust = r.path("trust");
        assertEquals(3, trust.size(), trust::toString);
        assertEquals("path", trust.get(0).path("step").asText());
        assertEquals("ok", trust.get(0).path("result").asText());
        assertEquals(root.getSubjectX500Principal().getName(), trust.get(0).path("anchor").asText());
        assertEquals(2, trust.get(0).path("path_length").asInt(), "alice and the issuing CA");
        assertEquals("eku", trust.get(1).path("step").asText());
        assertEquals("ntauth", trust.get(2).path("step").asText());
        assertEquals("ok", trust.get(2).path("result").asText());
        assertEquals(hex("SHA-1", issuing.getEncoded()), trust.get(2).path("issuing_ca").asText());

        JsonNode rev = r.path("revocation");
        assertEquals("good", rev.path("status").asText());
        assertEquals("ocsp", rev.path("decided_by").asText());
        assertEquals("ocsp", rev.path("source").asText());
        assertEquals(kdc.lab.revocationUrls().ocsp(), rev.path("location").asText());
        assertFalse(rev.path("grace").asBoolean(true), rev::toString);
        assertTrue(Instant.parse(rev.path("this_update").asText())
                .isBefore(Instant.parse(rev.path("next_update").asText())), rev::toString);
        JsonNode certificates = rev.path("certificates");
        assertEquals(2, certificates.size(), "scope chain: alice and the issuing CA, " + rev);
        assertEquals(cert.getSerialNumber().toString(16), certificates.get(0).path("serial").asText());
        assertEquals(issuing.getSerialNumber().toString(16), certificates.get(1).path("serial").asText());
        for (JsonNode each : certificates) {
            assertEquals("good", each.path("status").asText(), each::toString);
            assertTrue(Set.of("ocsp", "crl").contains(each.path("source").asText()), each::toString);
            assertFalse(each.path("grace").asBoolean(true), each::toString);
        }

        JsonNode mapping = r.path("mapping");
        assertEquals("san_upn", mapping.path("method").asText());
        assertTrue(mapping.path("strong").asBoolean(false), mapping::toString);
        assertTrue(mapping.path("account").asText().startsWith("CN=alice,"), mapping::toString);
        assertEquals("alice", mapping.path("sam_account_name").asText());

        JsonNode ticket = r.path("ticket");
        assertEquals(Set.of("cname", "endtime", "flags", "enctype"), names(ticket),
                "what the ticket was, never the ticket (renew_till only when renewable): " + ticket);
        assertEquals("alice@" + LabKdc.REALM, ticket.path("cname").asText());
        assertEquals("aes256-cts-hmac-sha1-96", ticket.path("enctype").asText(), "the krbtgt key's enctype");
        assertTrue(Instant.parse(ticket.path("endtime").asText()).isAfter(time), ticket::toString);

        assertEquals("ok", r.path("result").asText());
        assertFalse(r.has("error_code") || r.has("refused_at"), r::toString);
        assertTrue(r.path("latency_ms").isIntegralNumber() && r.path("latency_ms").asLong() >= 0, r::toString);
    }

    private static void assertRevokedRefusal(LabKdc kdc, JsonNode r) throws Exception {
        X509Certificate cert = PemFiles.certificate(kdc.lab.user("revoked").certificate());
        assertEquals("revoked", r.path("cname").asText());
        assertEquals(cert.getSerialNumber().toString(16), r.path("certificate").path("serial").asText());
        assertEquals("refused", r.path("result").asText());
        assertEquals(72, r.path("error_code").asInt());
        assertEquals("REVOKED_CERTIFICATE", r.path("error_reason").asText());
        assertEquals("revocation", r.path("refused_at").asText());
        assertTrue(r.path("error_text").asText().contains("revoked (keyCompromise)"), r::toString);
        JsonNode rev = r.path("revocation");
        assertEquals("revoked", rev.path("status").asText());
        assertEquals("ocsp", rev.path("decided_by").asText());
        assertEquals(kdc.lab.revocationUrls().ocsp(), rev.path("location").asText());
        assertEquals("revoked", rev.path("certificates").get(0).path("status").asText());
        assertEquals(cert.getSerialNumber().toString(16), rev.path("certificates").get(0).path("serial").asText());
        assertFalse(r.has("mapping"), "refused before mapping: " + r);
        assertFalse(r.has("ticket"), r::toString);
        assertTrue(r.path("latency_ms").asLong(-1) >= 0, r::toString);
    }

    private static void assertWeakRefusal(LabKdc kdc, JsonNode r) throws Exception {
        X509Certificate cert = PemFiles.certificate(kdc.lab.user("weak").certificate());
        assertEquals(hex("SHA-1", cert.getEncoded()), r.path("certificate").path("thumbprint_sha1").asText());
        assertEquals("good", r.path("revocation").path("status").asText());
        assertEquals(66, r.path("error_code").asInt());
        assertEquals("map", r.path("refused_at").asText());
        List<JsonNode> weakFinds = new ArrayList<>();
        r.path("mapping").path("steps").forEach(step -> {
            if (step.path("kind").asText().equals("method") && step.has("method")) {
                weakFinds.add(step);
            }
        });
        assertTrue(weakFinds.stream().anyMatch(s -> s.path("method").asText().equals("alt_issuer_subject")
                && !s.path("strong").asBoolean(true)), "the weak X509:<I><S> find shows: " + r.path("mapping"));
        assertEquals("refused", r.path("mapping").path("steps").get(r.path("mapping").path("steps").size() - 1)
                .path("kind").asText(), r.path("mapping")::toString);
        assertEquals("refused", r.path("result").asText());
        assertFalse(r.path("e_text").asText().isEmpty(), r::toString);
        assertFalse(r.has("ticket"), r::toString);
    }

    /** Neither the users' private keys nor the reply or session keys; no field that names a key. */
    private static void assertNoKeyMaterial(LabKdc kdc, Path file, List<AsExchangeResult.Success> logons)
            throws Exception {
        String written = Files.readString(file, StandardCharsets.UTF_8);
        List<String> secrets = new ArrayList<>();
        for (String user : List.of("alice", "revoked", "weak")) {
            byte[] pkcs8 = PemFiles.privateKey(kdc.lab.user(user).privateKey()).getEncoded();
            secrets.add(Base64.getEncoder().encodeToString(pkcs8).substring(0, 40));
            secrets.add(HexFormat.of().formatHex(pkcs8).substring(0, 40));
        }
        for (AsExchangeResult.Success s : logons) {
            for (byte[] key : List.of(s.replyKey().getKeyData(), s.sessionKey().getKeyData())) {
                secrets.add(Base64.getEncoder().encodeToString(key));
                secrets.add(HexFormat.of().formatHex(key));
                secrets.add(HexFormat.of().withUpperCase().formatHex(key));
            }
        }
        for (String secret : secrets) {
            assertFalse(written.contains(secret), "key material in the audit log: " + secret);
        }
        for (String line : written.lines().toList()) {
            List<String> names = new ArrayList<>();
            collectNames(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line), names);
            names.forEach(n -> assertFalse(n.contains("key") || n.contains("password") || n.contains("secret"), n));
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> out = new java.util.HashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static void collectNames(JsonNode node, List<String> into) {
        node.fields().forEachRemaining(e -> {
            into.add(e.getKey());
            collectNames(e.getValue(), into);
        });
        if (node.isArray()) {
            node.forEach(element -> collectNames(element, into));
        }
    }

    private static void assertMetrics(LabKdc kdc) throws Exception {
        URI url = kdc.runtime.telemetry().endpoint().orElseThrow().url();
        assertTrue(InetAddress.getByName(url.getHost()).isLoopbackAddress(), url::toString);
        assertEquals(kdc.lab.port() + 2, url.getPort(), "the lab puts metrics at the KDC port + 2");
        String body = scrape(kdc);
        assertEquals(2, sample(body, "pkinit_kdc_requests_total{code=\"0\",result=\"ok\"}"));
        assertEquals(1, sample(body, "pkinit_kdc_requests_total{code=\"72\",result=\"refused\"}"));
        assertEquals(1, sample(body, "pkinit_kdc_requests_total{code=\"66\",result=\"refused\"}"));
        assertEquals(4, sample(body, "pkinit_kdc_request_duration_seconds_count"));
        assertEquals(4, sample(body, "pkinit_kdc_request_duration_seconds_bucket{le=\"+Inf\"}"));
        assertTrue(sample(body, "pkinit_kdc_cache_hits_total{cache=\"validation\"}") >= 1,
                "alice's second logon reuses her validated path");
        assertTrue(sample(body, "pkinit_kdc_cache_hits_total{cache=\"ocsp\"}") >= 1,
                "alice's second logon reuses the OCSP responses");
        assertTrue(sample(body, "pkinit_kdc_cache_misses_total{cache=\"ocsp\"}") >= 1, body);
        assertTrue(sample(body, "pkinit_kdc_revocation_fetches_total{source=\"ocsp\"}") >= 1, body);
        // the lab's embedded directory answers account lookups in-process: no LDAP connection pool to report
        assertTrue(body.lines().noneMatch(l -> l.startsWith("pkinit_kdc_directory_pool_connections{")), body);
        X509Certificate kdcCert = PemFiles.certificate(kdc.lab.layout().kdc().certificate());
        assertEquals(kdcCert.getNotAfter().getTime() / 1000.0,
                sample(body, "pkinit_kdc_certificate_not_after_timestamp_seconds"), 0.001);
    }

    private static double sample(String body, String series) {
        return body.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no " + series + " in\n" + body));
    }
}
