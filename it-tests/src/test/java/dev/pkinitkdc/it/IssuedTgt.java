package dev.pkinitkdc.it;

import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;
import org.apache.kerby.kerberos.kerb.type.ticket.Ticket;

/**
 * The TGT a client stored in its ccache, opened with the krbtgt key of the ticket's enctype as the TGS would open
 * it.
 */
record IssuedTgt(MitCcache.Credential credential, EncTicketPart ticket) {

    static IssuedTgt read(Path ccache, KrbtgtKeys keys) throws IOException, KrbException {
        MitCcache.Credential tgt = MitCcache.tgt(ccache);
        return new IssuedTgt(tgt, open(tgt.ticket(), keys));
    }

    /** The enc-part of {@code ticket}, decrypted with the krbtgt key of its enctype (RFC 4120 5.3). */
    static EncTicketPart open(Ticket ticket, KrbtgtKeys keys) throws IOException, KrbException {
        EncryptedData sealed = ticket.getEncryptedEncPart();
        Enctype enctype = Enctypes.of(sealed);
        KrbtgtKeys.VersionedKey key = keys.key(enctype);
        if (key == null) {
            throw new IOException("the ticket is in " + enctype + ", of which the krbtgt keytab has no key");
        }
        byte[] plain = Enctypes.decrypt(sealed, key.key(), KeyUsage.KDC_REP_TICKET);
        return KrbCodec.decode(plain, EncTicketPart.class);
    }

    /** The enctype of the ticket's enc-part, i.e. of the krbtgt key that sealed it. */
    Enctype ticketEnctype() throws IOException, KrbException {
        return Enctypes.of(credential.ticket().getEncryptedEncPart());
    }
}
