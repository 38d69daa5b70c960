package dev.pkinitkdc.pkinit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;

/**
 * An independent MS-PAC decoder: impacket's {@code impacket.krb5.pac} under Debian's /usr/bin/python3 (package
 * python3-impacket), run on a PAC by the script {@code impacket_pac.py}, which prints each field as a
 * {@code key<TAB>value} line and recomputes each signature with impacket's own RFC 3961 crypto
 * ({@code check.server}, {@code check.kdc}, {@code check.full}, {@code check.ticket}: "True 16" when it matches;
 * RFC 8009's checksums, which impacket 0.10 lacks, from RFC 8009 5 with Python's hmac).
 */
public final class ImpacketPac {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String SCRIPT = "/dev/pkinitkdc/pkinit/pac/impacket_pac.py";

    private ImpacketPac() {
    }

    /** Skips, or fails in CI, when impacket is not installed for /usr/bin/python3. */
    public static void require() throws IOException, InterruptedException {
        Prerequisites.require(Files.isExecutable(PYTHON)
                        && run(List.of(PYTHON.toString(), "-c", "import impacket.krb5.pac")).exit() == 0,
                "impacket for /usr/bin/python3 (python3-impacket; scripts/install-test-deps.sh installs it)");
    }

    /**
     * The fields impacket reads from {@code pac}, the signatures checked with {@code server} and {@code kdc}.
     *
     * @param ticketSigned what the ticket signature covers, or null not to check it
     */
    public static Map<String, String> decode(Path dir, byte[] pac, EncryptionKey server, EncryptionKey kdc,
                                             byte[] ticketSigned)
            throws IOException, InterruptedException, KrbException {
        Path script = dir.resolve("impacket_pac.py");
        try (InputStream in = ImpacketPac.class.getResourceAsStream(SCRIPT)) {
            Files.write(script, in.readAllBytes());
        }
        Path pacFile = Files.write(dir.resolve("pac.bin"), pac);
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), pacFile.toString(),
                HexFormat.of().formatHex(server.getKeyData()), HexFormat.of().formatHex(kdc.getKeyData()),
                String.valueOf(Enctypes.of(server).value())));
        if (ticketSigned != null) {
            command.add(Files.write(dir.resolve("ticket.bin"), ticketSigned).toString());
        }
        Result result = run(command);
        assertEquals(0, result.exit(), "impacket could not read the PAC:\n" + result.output());
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : result.output().split("\n")) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                fields.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return fields;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(p.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
