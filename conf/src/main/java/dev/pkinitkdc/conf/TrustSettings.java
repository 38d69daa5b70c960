package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code [trust]}: PEM files of trust anchors and intermediate CAs for client certificates, the bounds of path
 * building, and the hosts caIssuers URLs may be fetched from.
 */
public record TrustSettings(List<Path> anchors, List<Path> intermediates, boolean allowSha1, int maxPathLength,
                            boolean allowNoEku, List<String> allowedCaThumbprints, boolean fetchCaIssuers,
                            java.time.Duration caIssuersTimeout, java.time.Duration validitySkew,
                            int maxPathCandidates, List<String> caIssuersAllowedHosts) {
    public static final int DEFAULT_MAX_PATH_LENGTH = 5;
    public static final int DEFAULT_MAX_PATH_CANDIDATES = 100;

    public TrustSettings {
        anchors = List.copyOf(anchors);
        intermediates = List.copyOf(intermediates);
        allowedCaThumbprints = List.copyOf(allowedCaThumbprints);
        caIssuersAllowedHosts = List.copyOf(caIssuersAllowedHosts);
    }
}
