package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.kdc.assembly.KdcRuntime;
import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabRevocationServer;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.kdc.tool.labpki.LabPki;
import dev.pkinitkdc.kdc.tool.labpki.PemFileWriter;
import dev.pkinitkdc.mapping.testing.Slapd;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.AsReqExtensions;
import dev.pkinitkdc.pkinit.client.KdcTransport;
import dev.pkinitkdc.pkinit.client.PkinitAsReq;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7: two KDC instances on one directory (slapd) with one krbtgt keytab serve the realm interchangeably, as
 * KDCs behind DNS SRV records do: a client alternating between them, with the freshness token (RFC 8070) of one
 * signed into the request to the other, never fails; a TGT from either is the same kind of TGT; and MIT kinit
 * with both KDCs in krb5.conf logs on through the second when the first is stopped.
 */
class TwoKdcInstancesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static LabEnvironment lab;
    static Slapd slapd;
    static LabRevocationServer revocation;

    @BeforeAll
    static void start() throws Exception {
        lab = LabKdc.prepareLab(dir.resolve("lab"));
        revocation = lab.startRevocationServer();
        slapd = Slapd.start(lab.baseDn(), Files.readString(lab.layout().directoryLdif()), Optional.empty());
    }

    @AfterAll
    static void stop() {
        if (slapd != null) {
            slapd.close();
        }
        if (revocation != null) {
            revocation.close();
        }
    }

    /**
     * One KDC of the realm: the lab's kdc.conf with its own port and its own KDC certificate, the accounts and the
     * NTAuth store in slapd, the lab's krbtgt keytab, freshness tokens required.
     */
    private static KdcRuntime kdc(String name) throws Exception {
        CertifiedKey certificate = LabPki.load(lab.layout()).issueKdc(LabKdc.REALM, LabKdc.HOST);
        Path cert = dir.resolve(name + ".pem");
        Path key = dir.resolve(name + ".key");
        PemFileWriter.writeCertifiedKey(cert, key, certificate);
        Path password = dir.resolve("bind.pw");
        Files.writeString(password, slapd.rootPassword() + "\n");
        String directory = "[directory]\ntype = ldap\nbase_dn = " + lab.baseDn() + "\nurl = " + slapd.ldapUrl()
                + "\nbind_dn = " + slapd.rootDn() + "\nbind_password_file = " + password + "\n\n[ntauth]";
        String text = Files.readString(lab.kdcConf())
                .replaceAll("(?m)^listen = udp:.*$", "listen = udp:" + LabKdc.HOST + ":0, tcp:" + LabKdc.HOST + ":0")
                .replaceAll("(?m)^certificate = .*$", Matcher.quoteReplacement("certificate = " + cert))
                .replaceAll("(?m)^key = .*$", Matcher.quoteReplacement("key = " + key))
                .replace("[pkinit]\n", "[pkinit]\nrequire_freshness = true\n")
                .replaceAll("(?m)^cache_dir = .*$", "cache_dir = revocation-cache-" + name)
                .replaceAll("(?m)^file = log/audit.jsonl$", "file = log/audit-" + name + ".jsonl")
                .replaceAll("(?m)^listen = (127\\.0\\.0\\.1):\\d+$", "listen = $1:0")   // [metrics]: one each
                .replaceAll("(?s)\\[directory\\].*?\\[ntauth\\]", Matcher.quoteReplacement(directory));
        Path conf = lab.dir().resolve(name + ".conf");   // relative paths in it resolve against the lab folder
        Files.writeString(conf, text);
        return KdcRuntime.start(ConfigParser.parse(conf));
    }


    @Test
    void aClientAlternatingBetweenTwoKdcsWithTheOthersFreshnessTokenNeverFailsAndGetsTheSameKindOfTgt()
            throws Exception {
        try (KdcRuntime a = kdc("kdc-a"); KdcRuntime b = kdc("kdc-b")) {
            List<InetSocketAddress> kdcs = List.of(LabKdc.tcpAddress(a), LabKdc.tcpAddress(b));
            PkinitClient client = OwnClient.client(lab, "alice", PkinitClientOptions.defaults());
            Map<Integer, AsExchangeResult.Success> tgts = new ConcurrentHashMap<>();
            ClientLoop loop = new ClientLoop(n -> {
                byte[] offer = KdcTransport.exchangeTcp(kdcs.get((n + 1) % 2),
                        client.freshnessRequest(OwnClient.principal("alice"), lab.realm()), TIMEOUT);
                byte[] token = PkinitClient.freshnessToken(offer).orElseThrow(() -> new AssertionError(
                        "no freshness token, error " + KdcTransport.errorCode(offer)));
                PkinitAsReq request = client.newAsReq(OwnClient.principal("alice"), lab.realm(),
                        AsReqExtensions.none().withFreshnessToken(token));
                AsExchangeResult r = client.processReply(request,
                        KdcTransport.exchangeTcp(kdcs.get(n % 2), request.encoded(), TIMEOUT));
                if (r instanceof AsExchangeResult.Success s) {
                    tgts.put(n % 2, s);
                }
                return r;
            });
            try (loop) {
                Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> loop.requests.get() >= 20);
            }
            assertEquals(List.of(), loop.failures, "requests that failed");

            KrbtgtKeys keys = KrbtgtKeys.load(lab.layout().krbtgtKeytab(), LabKdc.REALM);
            AsExchangeResult.Success fromA = tgts.get(0);
            AsExchangeResult.Success fromB = tgts.get(1);
            assertEquals(fromA.ticket().getSname(), fromB.ticket().getSname());
            assertEquals(fromA.ticket().getEncryptedEncPart().getKvno(), fromB.ticket().getEncryptedEncPart().getKvno());
            assertEquals(fromA.enctype(), fromB.enctype(), "session key enctype");
            EncTicketPart ticketA = IssuedTgt.open(fromA.ticket(), keys);
            EncTicketPart ticketB = IssuedTgt.open(fromB.ticket(), keys);
            assertEquals(ticketA.getCname(), ticketB.getCname());
            assertEquals(ticketA.getCrealm(), ticketB.getCrealm());
            assertEquals(ticketA.getFlags().getFlags(), ticketB.getFlags().getFlags(), "ticket flags");
            assertEquals(adTypes(ticketA), adTypes(ticketB), "authorization data");
            long lifetimeDifference = lifetime(ticketA).minus(lifetime(ticketB)).abs().toSeconds();
            assertTrue(lifetimeDifference <= 2, "ticket lifetimes differ by " + lifetimeDifference + " s");
        }
    }

    private static List<String> adTypes(EncTicketPart ticket) {
        return ticket.getAuthorizationData() == null ? List.of() : ticket.getAuthorizationData().getElements()
                .stream().map(e -> String.valueOf(e.getAuthzType())).toList();
    }

    private static Duration lifetime(EncTicketPart ticket) {
        return Duration.ofMillis(ticket.getEndTime().getTime() - ticket.getAuthTime().getTime());
    }

    /**
     * Which KDC answers is decided by the test, not by a race: MIT moves on to the next KDC of the list when the
     * first has not answered within about a second, so with both running either may answer. The first alone in
     * krb5.conf shows it serves the realm; then, stopped, it refuses at once (ICMP port unreachable, TCP reset), and
     * MIT with both listed asks it first and logs on through the second.
     */
    @Test
    void mitKinitWithBothKdcsInKrb5ConfLogsOnThroughTheSecondWhenTheFirstStops() throws Exception {
        KdcRuntime first = kdc("kdc-c");
        boolean firstRunning = true;
        try (KdcRuntime second = kdc("kdc-d")) {
            int firstPort = LabKdc.tcpAddress(first).getPort();
            int secondPort = LabKdc.tcpAddress(second).getPort();
            assertNotEquals(firstPort, secondPort);

            MitKinit.Result viaFirst = kinit(krb5("krb5-first-kdc.conf", firstPort), "before");
            assertEquals(0, viaFirst.exitCode(), viaFirst::toString);
            assertTrue(answeredBy(viaFirst, firstPort), viaFirst::toString);

            first.close();
            firstRunning = false;
            MitKinit.Result viaSecond = kinit(krb5("krb5-two-kdcs.conf", firstPort, secondPort), "after");
            assertEquals(0, viaSecond.exitCode(), viaSecond::toString);
            assertTrue(asked(viaSecond, firstPort), "MIT did not try the first KDC: " + viaSecond);
            assertTrue(answeredBy(viaSecond, secondPort), viaSecond::toString);
        } finally {
            if (firstRunning) {
                first.close();
            }
        }
    }

    /** The lab's krb5.conf with these KDC ports, in this order, as the realm's KDCs. */
    private static Path krb5(String name, int... ports) throws Exception {
        String kdcs = Arrays.stream(ports).mapToObj(p -> "$1kdc = " + LabKdc.HOST + ":" + p)
                .collect(Collectors.joining("\n"));
        Path krb5 = dir.resolve(name);
        Files.writeString(krb5, Files.readString(lab.krb5Conf()).replaceAll("(?m)^(\\s*)kdc = .*$", kdcs));
        return krb5;
    }

    private static MitKinit.Result kinit(Path krb5, String name) throws Exception {
        LabUser alice = lab.user("alice");
        return MitKinit.run(krb5, dir, name, "FILE:" + alice.certificate() + "," + alice.privateKey(), "alice");
    }

    /** MIT's trace names each KDC it sends to: "Sending initial UDP request to dgram 127.0.0.1:PORT". */
    private static boolean asked(MitKinit.Result r, int port) {
        return Pattern.compile("(Sending initial UDP request to dgram|Initiating TCP connection to stream) "
                + Pattern.quote(LabKdc.HOST + ":" + port) + "\\b").matcher(r.trace()).find();
    }

    /** MIT's trace names each KDC that answered: "Received answer (3395 bytes) from stream 127.0.0.1:PORT". */
    private static boolean answeredBy(MitKinit.Result r, int port) {
        return Pattern.compile("Received answer \\(\\d+ bytes\\) from (dgram|stream) " + Pattern.quote(LabKdc.HOST + ":" + port)
                + "\\b").matcher(r.trace()).find();
    }
}
