package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.kdc.assembly.KdcRuntime;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.kdc.tool.lab.LabRevocationServer;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.mapping.testing.ServerTls;
import dev.pkinitkdc.mapping.testing.Slapd;
import dev.pkinitkdc.mapping.testing.TestPki;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --config} with {@code [directory] type = ldap} against OpenLDAP's slapd holding the lab's accounts
 * under the shipped ad-lite.schema, over LDAPS with the directory's CA and a bind DN whose password is in a file:
 * the real MIT kinit gets the same answers as against the embedded directory.
 */
class SlapdDirectoryTest {
    private static final Pattern SEARCH = Pattern.compile(" SRCH base=");

    @TempDir
    static Path dir;
    static LabEnvironment lab;
    static Slapd slapd;
    static KdcRuntime kdc;
    static LabRevocationServer revocation;

    @BeforeAll
    static void start() throws Exception {
        lab = LabKdc.prepareLab(dir.resolve("lab"));
        revocation = lab.startRevocationServer();
        TestPki directoryCa = TestPki.create("Directory CA");
        ServerTls tls = directoryCa.issueServer(dir, "127.0.0.1", "localhost");
        slapd = Slapd.start(lab.baseDn(), Files.readString(lab.layout().directoryLdif()), Optional.of(tls));
        Path ca = directoryCa.writeCertificate(dir.resolve("directory-ca.pem"));
        Path password = dir.resolve("bind.pw");
        Files.writeString(password, slapd.rootPassword() + "\n");
        kdc = KdcRuntime.start(ConfigParser.parse(config("ldap-kdc.conf", "url = " + slapd.ldapsUrl()
                + "\nca_file = " + ca + "\nbind_dn = " + slapd.rootDn() + "\nbind_password_file = " + password)));
    }

    @AfterAll
    static void stop() {
        if (kdc != null) {
            kdc.close();
        }
        if (slapd != null) {
            slapd.close();
        }
        if (revocation != null) {
            revocation.close();
        }
    }

    /** The lab's kdc.conf with its [directory] section replaced. */
    private static Path config(String name, String directoryKeys) throws Exception {
        Path conf = lab.dir().resolve(name);   // relative paths in it resolve against the lab folder
        String section = "[directory]\ntype = ldap\nbase_dn = " + lab.baseDn() + "\n" + directoryKeys
                + "\ntimeout = 2s\npool_size = 2\n\n[krbtgt]";
        Files.writeString(conf, Files.readString(lab.kdcConf()).replaceAll("(?s)\\[directory\\].*?\\[krbtgt\\]",
                Matcher.quoteReplacement(section)));
        return conf;
    }

    private static MitKinit.Result kinit(String user, String... args) throws Exception {
        LabUser u = lab.user(user);
        return MitKinit.run(lab.krb5Conf(), dir, user, "FILE:" + u.certificate() + "," + u.privateKey(), args);
    }

    @Test
    void theLabUsersGetTheSameAnswersFromSlapdOverLdaps() throws Exception {
        for (String user : new String[] {"alice", "bob", "carol"}) {
            MitKinit.Result r = kinit(user, user);
            assertEquals(0, r.exitCode(), r::toString);
        }
        MitKinit.Result weak = kinit("weak", "weak");
        assertNotEquals(0, weak.exitCode(), weak::toString);
        assertTrue(weak.kdcErrors().contains(66), weak::toString);
    }

    @Test
    void aLogonWithAHintCostsAtMostTwoSearches() throws Exception {
        int before = searches();
        AsExchangeResult r = OwnClient.logon(lab, "carol", "carol", PkinitClientOptions.defaults(), false);
        assertInstanceOf(AsExchangeResult.Success.class, r, r::toString);
        int used = searches() - before;
        System.out.println("slapd searches for one hinted logon: " + used);
        assertTrue(used >= 1 && used <= 2, used + " searches");
    }

    private static int searches() throws Exception {
        Matcher m = SEARCH.matcher(Files.readString(slapd.log()));
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
