package dev.pkinitkdc.kdc.request;

import java.util.Objects;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.apache.kerby.kerberos.kerb.type.ticket.EncTicketPart;

/**
 * What a verified PA-TGS-REQ proved (RFC 4120 3.3.2): the TGT's decrypted part (its client, times, flags,
 * authorization data), the krbtgt key that sealed it and its kvno (its PAC is checked with it), and the key the TGS-REP's enc-part is encrypted
 * in with its key usage: the authenticator's subkey (usage 9) when it carries one, else the TGT session key (8).
 */
public record VerifiedTgt(EncTicketPart ticket, int krbtgtKvno, EncryptionKey krbtgtKey, EncryptionKey replyKey,
                          KeyUsage replyUsage) {
    public VerifiedTgt {
        Objects.requireNonNull(ticket);
        Objects.requireNonNull(krbtgtKey);
        Objects.requireNonNull(replyKey);
        Objects.requireNonNull(replyUsage);
    }

    /** Never the keys. */
    @Override
    public String toString() {
        return "VerifiedTgt[client=" + ticket.getCname().getName() + "@" + ticket.getCrealm() + ", kvno="
                + krbtgtKvno + ", usage=" + replyUsage + "]";
    }
}
