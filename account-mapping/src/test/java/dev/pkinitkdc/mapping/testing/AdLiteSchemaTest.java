package dev.pkinitkdc.mapping.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped schema in both forms: the same definitions, and the cn=config LDIF loads into slapd-config(5). */
class AdLiteSchemaTest {
    private static final Pattern DEFINITION = Pattern.compile("\\( *(\\S+) +NAME '([^']+)'");

    @TempDir
    Path dir;

    @Test
    void bothFormsDefineTheSameOidsAndNames() throws IOException {
        Set<String> schema = definitions(resource("/schema/ad-lite.schema"));
        assertTrue(schema.containsAll(List.of("ADAttr:221 sAMAccountName", "ADAttr:656 userPrincipalName",
                "ADAttr:867 altSecurityIdentities", "ADClass:9 user", "ADClass3:30 computer")), schema.toString());
        assertEquals(schema, definitions(resource("/schema/ad-lite.ldif")));
    }

    @Test
    void theLdifLoadsIntoCnConfig() throws Exception {
        Path ldif = dir.resolve("config.ldif");
        Files.writeString(ldif, "dn: cn=config\nobjectClass: olcGlobal\ncn: config\n\n"
                + "dn: cn=schema,cn=config\nobjectClass: olcSchemaConfig\ncn: schema\n\n"
                + Files.readString(SlapdConf.SYSTEM_SCHEMAS.resolve("core.ldif")) + "\n"
                + Files.readString(SlapdConf.SYSTEM_SCHEMAS.resolve("cosine.ldif")) + "\n"
                + resource("/schema/ad-lite.ldif"));
        Path config = Files.createDirectories(dir.resolve("slapd.d"));
        run(Slapd.SLAPADD.toString(), "-n0", "-F", config.toString(), "-l", ldif.toString());
        run("/usr/sbin/slaptest", "-F", config.toString());
    }

    private void run(String... command) throws Exception {
        Path out = dir.resolve("out.log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        assertEquals(0, p.exitValue(), Files.readString(out));
    }

    private static Set<String> definitions(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = DEFINITION.matcher(text.replaceAll("\n[ \t]+", " "));
        while (m.find()) {
            found.add(m.group(1) + " " + m.group(2));
        }
        return found;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AdLiteSchemaTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
