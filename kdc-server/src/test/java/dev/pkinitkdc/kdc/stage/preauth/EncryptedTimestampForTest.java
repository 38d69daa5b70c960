package dev.pkinitkdc.kdc.stage.preauth;

import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.PreauthReply;
import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.EtypeInfo2;
import org.apache.kerby.kerberos.kerb.type.base.EtypeInfo2Entry;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * A test-only pre-authentication mechanism in the shape of encrypted timestamp (RFC 4120 5.2.7.2): offered as an
 * empty PA-ENC-TIMESTAMP, it keeps the padata it is given and completes every check when the test {@link #answer}s,
 * so a check is seen completing later without a thread waiting for it. It does not decrypt the timestamp.
 *
 * <p>Its reply (MIT's return_padata for encrypted timestamp with the KDC's etype-info2): the AS-REP is encrypted in
 * the client's long-term key and carries a PA-ETYPE-INFO2 naming that key's enctype (RFC 4120 3.1.3, 5.2.7.5). This
 * KDC holds no long-term client keys, so the key is one the test makes and hands to the client side:
 * {@link #clientKey()}.
 */
public final class EncryptedTimestampForTest implements PreauthMechanism {
    public static final int PA_ENC_TIMESTAMP = 2;
    public static final int PA_ETYPE_INFO2 = 19;
    /** Its audit {@code kdf}: the reply key is not derived, it is the client's key. */
    public static final String KDF = "long-term-key";

    private final List<byte[]> checked = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Optional<KdcFailure>> answer = new CompletableFuture<>();
    private final EncryptionKey clientKey = Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA1_96);

    @Override
    public String name() {
        return "encrypted timestamp";
    }

    @Override
    public int paType() {
        return PA_ENC_TIMESTAMP;
    }

    @Override
    public CompletionStage<AsExchange.Preauthenticated> verify(AsExchange.Decoded exchange, byte[] padataValue) {
        checked.add(padataValue);
        return answer.thenCompose(refusal -> refusal
                .<CompletionStage<AsExchange.Preauthenticated>>map(CompletableFuture::failedFuture)
                .orElse(CompletableFuture.completedFuture(exchange.preauthenticated(this::reply, exchange.audit()))));
    }

    private PreauthReply reply(AsExchange.Mapped exchange, PrincipalName tgs) throws KdcFailure {
        EtypeInfo2Entry entry = new EtypeInfo2Entry();
        entry.setEtype(clientKey.getKeyType());
        EtypeInfo2 info = new EtypeInfo2();
        info.addElement(entry);
        try {
            return new PreauthReply(clientKey, List.of(new PaDataItem(PA_ETYPE_INFO2, KrbCodec.encode(info))), KDF);
        } catch (KrbException e) {
            throw new KdcFailure(FailureReason.INTERNAL_ERROR, "could not encode ETYPE-INFO2", e);
        }
    }

    /** The client's long-term key it encrypts the reply in; the client side of a test decrypts with it. */
    public EncryptionKey clientKey() {
        return clientKey;
    }

    /** The padata-values it was asked to check, in order. */
    public List<byte[]> checked() {
        return List.copyOf(checked);
    }

    /** Completes every check, pending and later: accepted when {@code refusal} is empty, else refused with it. */
    public void answer(Optional<KdcFailure> refusal) {
        answer.complete(refusal);
    }
}
