package dev.pkinitkdc.it;

import dev.pkinitkdc.kdc.issue.KrbtgtKeys;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.ccache.Credential;
import org.apache.kerby.kerberos.kerb.ccache.CredentialCache;
import org.apache.kerby.kerberos.kerb.crypto.EncryptionHandler;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;

/** The TGT a client stored in its ccache, opened with the krbtgt key as the TGS would open it. */
record IssuedTgt(Credential credential, EncTicketPart ticket) {

    static IssuedTgt read(Path ccache, KrbtgtKeys keys) throws IOException, KrbException {
        CredentialCache cache = new CredentialCache();
        cache.load(ccache.toFile());
        Credential tgt = cache.getCredentials().stream()
                .filter(c -> c.getServerName().getNameStrings().get(0).equals("krbtgt"))
                .findFirst().orElseThrow(() -> new IOException("no TGT in " + ccache));
        EncryptedData sealed = tgt.getTicket().getEncryptedEncPart();
        byte[] plain = EncryptionHandler.decrypt(sealed, keys.key(sealed.getEType()).key(), KeyUsage.KDC_REP_TICKET);
        return new IssuedTgt(tgt, KrbCodec.decode(plain, EncTicketPart.class));
    }
}
