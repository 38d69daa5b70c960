package dev.pkinitkdc.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.pki.PkiCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7's "the PKI tool's certificates used by a real kinit": {@code pki init}, {@code issue-kdc} (a
 * password-protected PKCS#12 the KDC runs with), {@code export-ca} (the KDC's anchors, intermediates and NTAuth
 * store, and MIT kinit's pkinit_anchors), {@code issue-user} for a UPN + SID user (PEM, PKCS#12 and an ECDSA key)
 * and for a SAN-less user mapped by a printed altSecurityIdentities value, then {@code crl revoke} and the CRL
 * mirror refusing the revoked user.
 * Only the directory and the krbtgt keytab come from the lab.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PkiToolKinitTest {
    private static final int REVOKED_CERTIFICATE = 72;
    private static final Pattern STRONG_ISSUER_SERIAL = Pattern.compile("(?m)^  (X509:<I>.*<SR>[0-9A-F]+)$");

    @TempDir
    static Path dir;
    static Path pki;
    static Path krb5Conf;
    static LabKdc kdc;

    @BeforeAll
    static void startKdcWithThePkiToolsCertificates() throws Exception {
        pki = dir.resolve("pki");
        Path lab = dir.resolve("lab");
        LabKdc probe = LabKdc.start(lab);   // the directory, keytab and domain SID the accounts need
        probe.close();
        String domainSid = LabCertificates.domainSid(probe);
        String baseDn = probe.lab.baseDn();

        Path password = dir.resolve("kdc-password");
        Files.writeString(password, "correct horse\n");
        pki("init", "--dir", pki.toString(), "--name", "PKI Tool Test");
        pki("issue-kdc", "--dir", pki.toString(), "--fqdn", "kdc.lab.example", "--password-file",
                password.toString());
        Path anchors = dir.resolve("anchors.pem");
        Path issuing = dir.resolve("issuing.pem");
        pki("export-ca", "--dir", pki.toString(), "--out", anchors.toString());
        pki("export-ca", "--dir", pki.toString(), "--issuing", "--out", issuing.toString());
        pki("issue-user", "--dir", pki.toString(), "--upn", "alice@lab.example", "--sid",
                LabCertificates.aliceSid(probe));
        pki("issue-user", "--dir", pki.toString(), "--upn", "alice@lab.example", "--sid",
                LabCertificates.aliceSid(probe), "--ec", "p256", "--name", "alice-ec");
        String frankSid = domainSid + "-1300";
        String printed = pki("issue-user", "--dir", pki.toString(), "--no-san", "--subject",
                "CN=Frank Miller,OU=Staff,O=PKI Tool Test", "--sid", frankSid, "--name", "frank");
        Matcher strong = STRONG_ISSUER_SERIAL.matcher(printed);
        assertTrue(strong.find(), printed);

        String frank = "dn: CN=frank,CN=Users," + baseDn + "\n"
                + "objectClass: top\nobjectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\n"
                + "cn: frank\nsn: frank\nsAMAccountName: frank\nuserAccountControl: 512\n"
                + "objectSid: " + frankSid + "\naltSecurityIdentities: " + strong.group(1) + "\n\n";
        kdc = LabKdc.start(lab, frank, conf -> {
            String c = section(conf, "identity", "pkcs12 = " + pki.resolve("kdc/kdc.lab.example.p12") + "\n"
                    + "pkcs12_password_file = " + password + "\nchain = " + issuing + "\n");
            c = section(c, "trust", "anchors = " + anchors + "\nintermediates = " + issuing + "\n");
            c = section(c, "ntauth", "source = files\nfiles = " + issuing + "\n");
            return section(c, "revocation", "mode = hard_fail\norder = crl\ncrl_mirror = " + pki.resolve("crl")
                    + "\ncrl_mirror_poll = 1s\n");
        });
        krb5Conf = dir.resolve("krb5.conf");
        Files.writeString(krb5Conf, Files.readString(kdc.lab.krb5Conf())
                .replaceFirst("pkinit_anchors = FILE:.*", "pkinit_anchors = FILE:" + anchors)
                .replaceFirst("pkinit_pool = FILE:.*", "pkinit_pool = FILE:" + issuing));
    }

    @AfterAll
    static void stop() {
        if (kdc != null) {
            kdc.close();
        }
    }

    private static String pki(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, PkiCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The config text with section {@code name}'s body replaced. */
    private static String section(String conf, String name, String body) {
        String replaced = conf.replaceFirst("(?ms)^\\[" + name + "\\]\\n.*?(?=^\\[|\\z)",
                Matcher.quoteReplacement("[" + name + "]\n" + body + "\n"));
        assertTrue(!replaced.equals(conf), "no [" + name + "] in the lab's kdc.conf");
        return replaced;
    }

    private static MitKinit.Result kinit(String label, String user, String hint) throws Exception {
        Path users = pki.resolve("users");
        return MitKinit.run(krb5Conf, dir, label, "FILE:" + users.resolve(user + ".pem") + ","
                + users.resolve(user + ".key"), hint);
    }

    private static void assertTgt(String label, String client, MitKinit.Result r) throws Exception {
        assertEquals(0, r.exitCode(), r::toString);
        IssuedTgt tgt = IssuedTgt.read(MitKinit.ccache(dir, label), kdc.krbtgtKeys());
        assertEquals(List.of(client), tgt.ticket().getCname().getNameStrings());
    }

    @Test
    @Order(1)
    void aUpnAndSidUserLogsOnWithTheKdcCertificateFromThePkcs12() throws Exception {
        assertTgt("alice", "alice", kinit("alice", "alice", "alice"));
    }

    @Test
    @Order(1)
    void theUsersPkcs12AndAnEcdsaKeyWorkWithKinitToo() throws Exception {
        MitKinit.Result p12 = MitKinit.run(krb5Conf, dir, "alice-p12", "PKCS12:" + pki.resolve("users/alice.p12"),
                "alice");
        assertTgt("alice-p12", "alice", p12);
        assertTgt("alice-ec", "alice", kinit("alice-ec", "alice-ec", "alice"));
    }

    @Test
    @Order(2)
    void aSanLessUserLogsOnByHintThroughAPrintedStrongAltSecurityIdentity() throws Exception {
        assertTgt("frank", "frank", kinit("frank", "frank", "frank"));
    }

    @Test
    @Order(3)
    void afterCrlRevokeTheMirroredCrlRefusesTheUserWith72() throws Exception {
        pki("crl", "revoke", pki.resolve("users/frank.pem").toString(), "--reason", "keyCompromise", "--dir",
                pki.toString());
        // the mirror is polled every second: wait for the event (the refusal), not for a number of attempts
        AtomicReference<MitKinit.Result> last = new AtomicReference<>();
        await("the revocation reaches the KDC through the mirror").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    last.set(kinit("frank-revoked", "frank", "frank"));
                    assertTrue(last.get().kdcErrors().contains(REVOKED_CERTIFICATE), last.get()::toString);
                });
        assertTrue(last.get().exitCode() != 0, last.get()::toString);
        assertTgt("alice-after", "alice", kinit("alice-after", "alice", "alice"));
    }
}
