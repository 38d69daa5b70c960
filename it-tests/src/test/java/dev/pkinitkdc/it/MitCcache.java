package dev.pkinitkdc.it;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;

/**
 * The credentials of an MIT FILE ccache, version 0x0504 (krb5 doc/formats/ccache_file_format), with the session
 * key's raw enctype number: Kerby's ccache reader drops keys of etypes it does not know, such as 19 and 20.
 */
final class MitCcache {
    /**
     * One credential; {@code keyType} is the session key's etype number. Config entries (realm
     * "X-CACHECONF:") hold other data where the ticket goes, so the ticket is decoded on demand.
     */
    record Credential(List<String> server, String serverRealm, int keyType, byte[] key, byte[] ticketDer) {
        Ticket ticket() throws IOException {
            try {
                return KrbCodec.decode(ticketDer, Ticket.class);
            } catch (KrbException e) {
                throw new IOException("the credential for " + server + " holds no ticket", e);
            }
        }
    }

    private MitCcache() {
    }

    static List<Credential> read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
        try {
            if ((in.getShort() & 0xffff) != 0x0504) {
                throw new IOException(file + " is not a version 4 ccache");
            }
            int headerLength = in.getShort() & 0xffff;
            in.position(in.position() + headerLength); // header tags
            principal(in); // default principal
            List<Credential> creds = new ArrayList<>();
            while (in.hasRemaining()) {
                principal(in); // client
                List<String> server = principal(in);
                String realm = server.remove(0);
                int keyType = in.getShort() & 0xffff;
                byte[] key = counted(in);
                in.position(in.position() + 4 * 4 + 1 + 4); // times, is_skey, ticket flags
                skipTyped(in); // addresses
                skipTyped(in); // authdata
                byte[] ticket = counted(in);
                counted(in); // second ticket
                creds.add(new Credential(server, realm, keyType, key, ticket));
            }
            return creds;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new IOException(file + ": malformed ccache", e);
        }
    }

    /** The first credential for krbtgt/REALM, the TGT. */
    static Credential tgt(Path file) throws IOException {
        return read(file).stream().filter(c -> !c.serverRealm().startsWith("X-CACHECONF:")
                        && !c.server().isEmpty() && c.server().get(0).equals("krbtgt"))
                .findFirst().orElseThrow(() -> new IOException("no TGT in " + file));
    }

    /** @return realm first, then the components */
    private static List<String> principal(ByteBuffer in) {
        in.getInt(); // name type
        int count = in.getInt();
        List<String> out = new ArrayList<>();
        out.add(new String(counted(in), StandardCharsets.UTF_8));
        for (int i = 0; i < count; i++) {
            out.add(new String(counted(in), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static void skipTyped(ByteBuffer in) {
        int count = in.getInt();
        for (int i = 0; i < count; i++) {
            in.getShort();
            counted(in);
        }
    }

    private static byte[] counted(ByteBuffer in) {
        byte[] b = new byte[in.getInt()];
        in.get(b);
        return b;
    }
}
