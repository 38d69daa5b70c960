package dev.pkinitkdc.kdc.tool.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.kdc.tool.labpki.LabRevocationUrls;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hosts other than 127.0.0.1, and lab folders whose path needs shell quoting. */
class LabHostsTest {
    @TempDir
    Path dir;

    @Test
    void ipv6LoopbackIsBracketedAndNamedLocalhost() throws Exception {
        LabEnvironment lab = LabEnvironment.prepare(new LabOptions(dir, "LAB.EXAMPLE", "::1", 8888));
        assertTrue(Files.readString(lab.krb5Conf()).contains("kdc = [::1]:8888"));
        assertTrue(Files.readString(lab.kdcConf()).contains("listen = udp:[::1]:8888, tcp:[::1]:8888"));
        assertEquals(List.of("localhost"), SubjectAltNames.dnsNames(PemFiles.certificate(lab.layout().kdc().certificate())));
    }

    @Test
    void hostNameIsTheKdcSubjectAndDnsName() throws Exception {
        LabEnvironment lab = LabEnvironment.prepare(new LabOptions(dir, "CORP.TEST", "kdc.corp.test", 88));
        var kdc = PemFiles.certificate(lab.layout().kdc().certificate());
        assertEquals("CN=kdc.corp.test", kdc.getSubjectX500Principal().getName());
        assertEquals(List.of("kdc.corp.test"), SubjectAltNames.dnsNames(kdc));
        assertTrue(Files.readString(lab.kdcConf()).contains("base_dn = DC=corp,DC=test"));
        assertTrue(lab.kinitCommands().get(1).endsWith(" -E alice@corp.test"), lab.kinitCommands().get(1));
    }

    @Test
    void kdcAndUserCertificatesAreReissuedWhenTheHostChangesButTheRootIsKept() throws Exception {
        LabEnvironment first = LabEnvironment.prepare(new LabOptions(dir, "LAB.EXAMPLE", "127.0.0.1", 8888));
        byte[] root = LabEnvironmentTest.fingerprint(first.layout().rootCertificate());
        byte[] alice = LabEnvironmentTest.fingerprint(first.user("alice").certificate());
        LabEnvironment second = LabEnvironment.prepare(new LabOptions(dir, "LAB.EXAMPLE", "kdc.lab.example", 8888));
        var kdc = PemFiles.certificate(second.layout().kdc().certificate());
        assertEquals(List.of("kdc.lab.example"), SubjectAltNames.dnsNames(kdc));
        assertArrayEquals(root, LabEnvironmentTest.fingerprint(second.layout().rootCertificate()));
        // the revocation server moves with the host, and alice's AIA and CDP name it
        assertFalse(java.util.Arrays.equals(alice, LabEnvironmentTest.fingerprint(second.user("alice").certificate())));
        assertEquals(List.of("http://kdc.lab.example:8889/ocsp"),
                LabRevocationUrls.ocspUrls(PemFiles.certificate(second.user("alice").certificate())));
    }

    @Test
    void pathsWithSpacesAreQuotedForTheShell() throws Exception {
        Path spaced = dir.resolve("my lab");
        LabEnvironment lab = LabEnvironment.prepare(new LabOptions(spaced, "LAB.EXAMPLE", "127.0.0.1", 8888));
        String bob = lab.kinitCommands().get(2);
        assertTrue(bob.startsWith("KRB5_CONFIG='" + spaced.resolve("krb5.conf") + "' KRB5CCNAME='FILE:"), bob);
        assertTrue(bob.contains(" kinit -X 'X509_user_identity=FILE:" + spaced.resolve("users/bob.pem") + ","), bob);
        assertEquals("'it'\\''s'", ShellWords.quote("it's"));
    }
}
