package dev.pkinitkdc.kdc.request;

import dev.pkinitkdc.pkinit.enctype.Enctype;
import java.util.Objects;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * The service a TGS-REQ asked for, found (RFC 4120 3.3.2): its principal, the key its ticket is sealed in with the
 * key's kvno, and the session-key enctype chosen (the client's first that the service has a key of).
 */
public record ServiceKey(PrincipalName principal, EncryptionKey key, int kvno, Enctype sessionEnctype) {
    public ServiceKey {
        Objects.requireNonNull(principal);
        Objects.requireNonNull(key);
        Objects.requireNonNull(sessionEnctype);
    }

    /** Never the key. */
    @Override
    public String toString() {
        return "ServiceKey[" + principal.getName() + ", kvno=" + kvno + "]";
    }
}
