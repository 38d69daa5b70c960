package dev.pkinitkdc.pkinit.client;

/**
 * Optional parts of one AS-REQ beyond RFC 4556 itself.
 *
 * @param freshnessToken RFC 8070 token from the KDC's PA-AS-FRESHNESS, put in PKAuthenticator.freshnessToken; or null
 * @param paChecksum2Digest JCA name of the [MS-PKCA] 2.2.3 paChecksum2 digest ("SHA-256", ...), or null for none
 * @param requestOcspStaple send an empty PA-PK-OCSP-RESPONSE (RFC 4557 3) asking for the KDC's OCSP response
 */
public record AsReqExtensions(byte[] freshnessToken, String paChecksum2Digest, boolean requestOcspStaple) {
    public AsReqExtensions {
        freshnessToken = freshnessToken == null ? null : freshnessToken.clone();
    }

    public static AsReqExtensions none() {
        return new AsReqExtensions(null, null, false);
    }

    @Override
    public byte[] freshnessToken() {
        return freshnessToken == null ? null : freshnessToken.clone();
    }

    public AsReqExtensions withFreshnessToken(byte[] token) {
        return new AsReqExtensions(token, paChecksum2Digest, requestOcspStaple);
    }

    public AsReqExtensions withPaChecksum2(String digest) {
        return new AsReqExtensions(freshnessToken, digest, requestOcspStaple);
    }

    public AsReqExtensions withOcspStaple() {
        return new AsReqExtensions(freshnessToken, paChecksum2Digest, true);
    }
}
