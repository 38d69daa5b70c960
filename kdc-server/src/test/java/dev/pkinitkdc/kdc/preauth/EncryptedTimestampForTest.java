package dev.pkinitkdc.kdc.preauth;

import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.AsExchange;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-only pre-authentication mechanism in the shape of encrypted timestamp (RFC 4120 5.2.7.2): offered as an
 * empty PA-ENC-TIMESTAMP, it keeps the padata it is given and completes every check when the test {@link #answer}s,
 * so a check is seen completing later without a thread waiting for it.
 */
public final class EncryptedTimestampForTest implements PreauthMechanism {
    public static final int PA_ENC_TIMESTAMP = 2;

    private final List<byte[]> checked = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Optional<KdcFailure>> answer = new CompletableFuture<>();

    @Override
    public String name() {
        return "encrypted timestamp";
    }

    @Override
    public int paType() {
        return PA_ENC_TIMESTAMP;
    }

    @Override
    public CompletionStage<AsExchange> verify(AsExchange exchange, byte[] padataValue) {
        checked.add(padataValue);
        return answer.thenCompose(refusal -> refusal.<CompletionStage<AsExchange>>map(CompletableFuture::failedFuture)
                .orElse(CompletableFuture.completedFuture(exchange)));
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
