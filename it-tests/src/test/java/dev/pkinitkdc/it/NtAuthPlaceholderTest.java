package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.ldif.LDIFWriter;
import dev.pkinitkdc.kdc.stage.trust.ntauth.DirectoryNtAuthSource;
import dev.pkinitkdc.kdc.support.directory.DirectoryUrlFile;
import dev.pkinitkdc.kdc.tool.lab.LabEnvironment;
import dev.pkinitkdc.mapping.directory.NtAuthCertificates;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NTAuth as Active Directory keeps it: when the last CA is removed, cACertificate (a mandatory attribute) keeps a
 * single 0x00 byte. The real lab KDC with its embedded directory, the NTAuth object changed over LDAP and re-read
 * every second: the placeholder is no CA (the KDC starts, logons are refused with 62), a good CA beside it counts,
 * removing the CA takes effect at the next refresh, and a garbage value does not hide the good ones.
 */
class NtAuthPlaceholderTest {
    private static final int CLIENT_NOT_TRUSTED = 62;
    private static final byte[] PLACEHOLDER = {0};

    @TempDir
    Path dir;

    @Test
    void aKdcStartsWithOnlyThePlaceholderRefusesWith62AndTakesACaAddedBesideIt() throws Exception {
        Path labDir = dir.resolve("lab");
        LabEnvironment prepared = LabKdc.prepareLab(labDir);
        ldifValues(prepared.layout().directoryLdif(), ntAuthDn(prepared), PLACEHOLDER);
        try (LogCapture log = new LogCapture(DirectoryNtAuthSource.class);
             LabKdc kdc = start(labDir)) {
            assertRefused(logon(kdc.lab));
            assertTrue(log.contains("placeholder"), log.lines().toString());

            replace(kdc, PLACEHOLDER, issuing(kdc.lab));
            awaitLogon(kdc.lab, true);
        }
    }

    @Test
    void removingTheLastCaLeavesThePlaceholderAndRefusesAfterTheNextRefreshAndGarbageHidesNoGoodCa()
            throws Exception {
        try (LogCapture log = new LogCapture(DirectoryNtAuthSource.class);
             LabKdc kdc = start(dir.resolve("lab"))) {
            assertInstanceOf(AsExchangeResult.Success.class, logon(kdc.lab));

            replace(kdc, PLACEHOLDER);   // what AD leaves when certutil -viewdelstore removes the last CA
            awaitLogon(kdc.lab, false);
            assertRefused(logon(kdc.lab));

            byte[] garbage = new byte[300];
            garbage[0] = 0x30;   // a SEQUENCE tag, then nothing that parses
            replace(kdc, garbage, issuing(kdc.lab));
            awaitLogon(kdc.lab, true);
            assertTrue(log.contains("value 1 of 2 (300 bytes)"), log.lines().toString());
        }
    }

    private static LabKdc start(Path labDir) throws Exception {
        return LabKdc.start(labDir, "", conf -> conf.replace("refresh_interval = 60s", "refresh_interval = 1s"));
    }

    private static String ntAuthDn(LabEnvironment lab) {
        return NtAuthCertificates.dn(lab.baseDn());
    }

    private static byte[] issuing(LabEnvironment lab) throws Exception {
        return PemFiles.certificates(lab.layout().issuingCertificate()).get(0).getEncoded();
    }

    private static AsExchangeResult logon(LabEnvironment lab) throws Exception {
        return OwnClient.logon(lab, "alice", "alice", PkinitClientOptions.defaults(), false);
    }

    private static void assertRefused(AsExchangeResult result) {
        AsExchangeResult.Error error = assertInstanceOf(AsExchangeResult.Error.class, result, result::toString);
        assertEquals(CLIENT_NOT_TRUSTED, error.errorCode(), error.eText());
    }

    /** Waits (bounded) until the refreshed store accepts, or refuses, alice's logon. */
    private static void awaitLogon(LabEnvironment lab, boolean accepted) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300))
                .until(() -> logon(lab) instanceof AsExchangeResult.Success == accepted);
    }

    /** LDAP modify replace of every cACertificate value, on the running KDC's embedded directory. */
    private static void replace(LabKdc kdc, byte[]... values) throws Exception {
        LDAPURL url = new LDAPURL(DirectoryUrlFile.read(kdc.conf).orElseThrow().toString());
        try (LDAPConnection ldap = DirectoryWriter.connect(kdc.conf, url)) {
            ldap.modify(ntAuthDn(kdc.lab), new Modification(ModificationType.REPLACE, NtAuthCertificates.BINARY_ATTRIBUTE, values));
        }
    }

    /** The NTAuth object of the lab LDIF with these values only, before the KDC loads it. */
    private static void ldifValues(Path ldif, String dn, byte[]... values) throws Exception {
        List<Entry> entries = new ArrayList<>();
        try (LDIFReader reader = new LDIFReader(ldif.toFile())) {
            for (Entry entry = reader.readEntry(); entry != null; entry = reader.readEntry()) {
                if (entry.getParsedDN().equals(new DN(dn))) {
                    entry.getAttributes().stream().map(Attribute::getName)
                            .filter(NtAuthCertificates::isCaCertificate).toList().forEach(entry::removeAttribute);
                    entry.addAttribute(new Attribute(NtAuthCertificates.BINARY_ATTRIBUTE, values));
                }
                entries.add(entry);
            }
        }
        try (LDIFWriter writer = new LDIFWriter(ldif.toFile())) {
            for (Entry entry : entries) {
                writer.writeEntry(entry);
            }
        }
    }
}
