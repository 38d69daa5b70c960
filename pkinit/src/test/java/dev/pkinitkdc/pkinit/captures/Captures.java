package dev.pkinitkdc.pkinit.captures;

import dev.pkinitkdc.pkinit.asn1.Der;
import dev.pkinitkdc.pkinit.testing.Prerequisites;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HexFormat;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1TaggedObject;

/**
 * The shared real-traffic vectors (../shared/testdata/pkinit-captures, see its README.md). Found through the
 * system property {@code pkinit.captures}, or by walking up from the module directory to a folder holding
 * {@code shared/testdata}; the vectors the project may carry are in its test resources, so only the others need
 * that folder: without the folder their tests are skipped with an explained reason (in CI too: the project may not
 * carry them); with it, a vector missing from it fails the test in CI ({@link Prerequisites#requireOutsideInput}).
 */
final class Captures {
    private Captures() {
    }

    static Path dir() {
        String prop = System.getProperty("pkinit.captures");
        if (prop != null) {
            return Paths.get(prop);
        }
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/testdata/pkinit-captures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The vector from the test resources (pkinit-captures/NOTICE.md: those whose license lets the project carry
     * them), else from the shared folder; a vector found in neither skips the test, or fails it in CI.
     */
    static byte[] hex(String relative) throws IOException {
        try (InputStream bundled = Captures.class.getResourceAsStream("/pkinit-captures/" + relative)) {
            if (bundled != null) {
                return parseHex(new String(bundled.readAllBytes(), StandardCharsets.US_ASCII));
            }
        }
        Path dir = dir();
        Object where = dir != null ? dir : "../shared/testdata/pkinit-captures (no such folder; -Dpkinit.captures=DIR)";
        Prerequisites.requireOutsideInput(dir != null, dir != null && Files.exists(dir.resolve(relative)),
                "the shared vector " + relative + " (not in the test resources, see pkinit-captures/NOTICE.md) is "
                        + "not in " + where);
        return parseHex(Files.readString(dir.resolve(relative)));
    }

    private static byte[] parseHex(String text) {
        return HexFormat.of().parseHex(text.replaceAll("\\s", ""));
    }

    /** The padata-value of the given type in an AS-REP (RFC 4120 5.4.2: padata [2] inside [APPLICATION 11]). */
    static byte[] asRepPaData(byte[] asRep, int type) {
        var seq = Der.sequence(((ASN1TaggedObject) Der.parse(asRep)).getExplicitBaseObject());
        for (ASN1Encodable e : Der.sequence(Der.required(Der.fields(seq), 2))) {
            var f = Der.fields(Der.sequence(e));
            if (Der.integer(Der.required(f, 1)).intValueExact() == type) {
                return Der.octets(Der.required(f, 2));
            }
        }
        throw new AssertionError("no padata " + type);
    }
}
