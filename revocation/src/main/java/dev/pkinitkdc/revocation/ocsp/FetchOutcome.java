package dev.pkinitkdc.revocation.ocsp;

import dev.pkinitkdc.revocation.RevocationStatus;
import dev.pkinitkdc.revocation.SourceAnswer;
import java.net.URI;
import java.util.Optional;

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
        SourceAnswer answer() {
            return new SourceAnswer(OcspSource.KIND, responder.toString(), status, Optional.empty(), Optional.empty(),
                    false, Optional.empty(), detail);
        }
    }
}
