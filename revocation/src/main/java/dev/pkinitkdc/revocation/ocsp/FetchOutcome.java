package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.RevocationStatus;
import java.net.URI;

/** What one request to a responder gave: a verified response, or why there is none. */
sealed interface FetchOutcome {
    URI responder();

    record Verified(VerifiedResponse response) implements FetchOutcome {
        @Override
        public URI responder() {
            return response.responder();
        }
    }

    /** @param status UNAVAILABLE (unreachable, timed out, unusable) or UNKNOWN (responder "unauthorized") */
    record Failed(URI responder, RevocationStatus status, String detail) implements FetchOutcome {
    }
}
