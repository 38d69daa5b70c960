package dev.pkinitkdc.kdc.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.conf.ConfigLines;
import dev.pkinitkdc.conf.ConfigParser;
import dev.pkinitkdc.conf.KdcConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartOnlyKeysTest {
    @TempDir
    Path dir;

    private static final String EMBEDDED = """
            [kdc]
            realm = LAB.EXAMPLE
            listen = tcp:127.0.0.1:88
            workers = 2

            [identity]
            certificate = kdc.pem
            key = kdc.key

            [trust]
            anchors = ca.pem
            intermediates = pool

            [directory]
            type = embedded
            base_dn = DC=lab,DC=example
            pool_size = 4

            [krbtgt]
            keytab = krbtgt.keytab

            [ntauth]
            source = files
            files = ntauth

            [mapping]
            strong_mapping_enforcement = full
            """;

    private static final String LDAP = EMBEDDED.replace("type = embedded", "type = ldap\nurl = ldap://127.0.0.1:389");

    private record Versions(KdcConfig running, KdcConfig parsed, List<ConfigLines.Key> changed) {
    }

    private Versions versions(String base, UnaryOperator<String> edit) throws Exception {
        Path before = dir.resolve("before.conf");
        Path after = dir.resolve("after.conf");
        Files.writeString(before, base);
        Files.writeString(after, edit.apply(base));
        return new Versions(ConfigParser.parse(before), ConfigParser.parse(after),
                ConfigLines.read(after).changedSince(ConfigLines.read(before)));
    }

    @Test
    void listenersWorkersAndAnEmbeddedDirectoryKeepTheirRunningValuesAndThePolicyApplies() throws Exception {
        Versions v = versions(EMBEDDED, conf -> conf.replace("realm = LAB.EXAMPLE", "realm = OTHER.EXAMPLE")
                .replace("workers = 2", "workers = 8").replace("pool_size = 4", "pool_size = 16")
                .replace("strong_mapping_enforcement = full", "strong_mapping_enforcement = compatibility"));
        RestartOnlyKeys r = RestartOnlyKeys.of(v.running(), v.parsed(), v.changed());
        assertEquals(List.of(new ConfigLines.Key("kdc", "realm"), new ConfigLines.Key("kdc", "workers"),
                new ConfigLines.Key("directory", "pool_size")), r.ignored());
        assertEquals("LAB.EXAMPLE", r.effective().kdc().realm());
        assertEquals(2, r.effective().kdc().workers());
        assertEquals(v.running().directory(), r.effective().directory());
        assertEquals(v.parsed().mapping(), r.effective().mapping());
    }

    @Test
    void theAuditFileAndTheMetricsEndpointKeepTheirRunningValues() throws Exception {
        String base = EMBEDDED + "\n[audit]\nfile = audit.jsonl\n\n[metrics]\nlisten = 9100\n";
        Versions v = versions(base, conf -> conf.replace("file = audit.jsonl", "file = other.jsonl")
                .replace("listen = 9100", "listen = 9200"));
        RestartOnlyKeys r = RestartOnlyKeys.of(v.running(), v.parsed(), v.changed());
        assertEquals(List.of(new ConfigLines.Key("audit", "file"), new ConfigLines.Key("metrics", "listen")),
                r.ignored());
        assertEquals(v.running().audit(), r.effective().audit());
        assertEquals(9100, r.effective().metrics().port());
    }

    @Test
    void anExternalDirectoryChangeApplies() throws Exception {
        Versions v = versions(LDAP, conf -> conf.replace("pool_size = 4", "pool_size = 16"));
        RestartOnlyKeys r = RestartOnlyKeys.of(v.running(), v.parsed(), v.changed());
        assertEquals(List.of(), r.ignored());
        assertEquals(16, r.effective().directory().poolSize());
    }

    @Test
    void aFileAddedToAWatchedFolderChangesItsKeyAndIsNamedByIt() throws Exception {
        Path ntauth = Files.createDirectories(dir.resolve("ntauth"));
        Files.createDirectories(dir.resolve("pool"));
        Versions v = versions(EMBEDDED, UnaryOperator.identity());
        WatchedFiles watched = WatchedFiles.of(v.running());
        var before = watched.stamps();
        Files.writeString(ntauth.resolve(".hidden"), "x");
        assertEquals(before, watched.stamps(), "hidden files are not part of a folder");
        Files.writeString(ntauth.resolve("ca.pem"), "x");
        var after = watched.stamps();
        assertNotEquals(before, after);
        assertEquals(List.of(new ConfigLines.Key("ntauth", "files")), watched.changed(before, after));
        assertEquals(new ConfigLines.Key("ntauth", "files"),
                WatchedFiles.keyNaming(v.running(), ntauth.resolve("ca.pem")).orElseThrow());
        assertEquals(new ConfigLines.Key("identity", "key"),
                WatchedFiles.keyNaming(v.running(), dir.resolve("kdc.key")).orElseThrow());
        assertTrue(watched.changed(after, watched.stamps()).isEmpty());
    }
}
