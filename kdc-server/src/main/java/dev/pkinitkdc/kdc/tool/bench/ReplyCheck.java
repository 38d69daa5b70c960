package dev.pkinitkdc.kdc.tool.bench;

import dev.pkinitkdc.pkinit.client.AsExchangeResult;
import dev.pkinitkdc.pkinit.client.KdcTransport;
import dev.pkinitkdc.pkinit.client.PkinitClient;
import dev.pkinitkdc.pkinit.client.PkinitClientException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The outcome of one exchange: "ok" for an AS-REP ([APPLICATION 11], RFC 4120 5.4.2), the error-code of a
 * KRB-ERROR (5.9.1), "malformed" for anything else; "timeout" or "io" when no reply came. With verification, an
 * AS-REP is "ok" only when the client accepts it fully, else "verify".
 */
final class ReplyCheck {
    private static final int AS_REP_TAG = 0x6b;

    private ReplyCheck() {
    }

    static String outcome(byte[] reply) {
        int code = KdcTransport.errorCode(reply);
        if (code >= 0) {
            return Integer.toString(code);
        }
        return reply.length > 0 && (reply[0] & 0xff) == AS_REP_TAG ? BenchStats.OK : "malformed";
    }

    static String failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            return "timeout";
        }
        return cause instanceof IOException ? "io" : "failed";
    }

    static String verified(PkinitClient client, RequestSupply.Prebuilt sent, byte[] reply) {
        try {
            AsExchangeResult result = client.processReply(sent.request(), reply);
            return result instanceof AsExchangeResult.Error e ? Integer.toString(e.errorCode()) : BenchStats.OK;
        } catch (PkinitClientException e) {
            return "verify";
        }
    }
}
