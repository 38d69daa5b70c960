package dev.pkinitkdc.revocation.crl;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;

/**
 * The crlExtensions of a CRL (RFC 5280 5.2), parsed with Bouncy Castle (they are few and small).
 *
 * @param authorityKeyId 5.2.1 keyIdentifier, if present
 * @param crlNumber 5.2.3 cRLNumber, if present
 * @param baseCrlNumber 5.2.4 deltaCRLIndicator's BaseCRLNumber: present only in a delta CRL
 * @param issuingDistributionPoint 5.2.5, if present (never an indirect CRL: those are refused)
 * @param freshest 5.2.6 freshestCRL: where the delta CRLs of this complete CRL are
 */
record CrlExtensions(Optional<byte[]> authorityKeyId, Optional<BigInteger> crlNumber,
                     Optional<BigInteger> baseCrlNumber, Optional<IssuingDistributionPoint> issuingDistributionPoint,
                     List<String> freshest) {
    static final CrlExtensions NONE = new CrlExtensions(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), List.of());

    /** The CRL extensions this implementation understands; a critical one outside this set makes a CRL unusable. */
    private static final Set<ASN1ObjectIdentifier> UNDERSTOOD = Set.of(Extension.authorityKeyIdentifier,
            Extension.issuerAlternativeName, Extension.cRLNumber, Extension.deltaCRLIndicator,
            Extension.issuingDistributionPoint, Extension.freshestCRL, Extension.authorityInfoAccess);

    /** @param encoded the DER Extensions SEQUENCE inside crlExtensions [0] */
    static CrlExtensions parse(byte[] encoded) throws UnusableCrlException {
        Extensions extensions;
        try {
            extensions = Extensions.getInstance(ASN1Primitive.fromByteArray(encoded));
        } catch (IOException | IllegalArgumentException e) {
            throw new UnusableCrlException("malformed crlExtensions: " + e.getMessage(), e);
        }
        for (ASN1ObjectIdentifier oid : extensions.getCriticalExtensionOIDs()) {
            if (!UNDERSTOOD.contains(oid)) {
                throw new UnusableCrlException("unknown critical CRL extension " + oid.getId());
            }
        }
        try {
            Optional<IssuingDistributionPoint> idp = Optional.ofNullable(
                    extensions.getExtensionParsedValue(Extension.issuingDistributionPoint))
                    .map(IssuingDistributionPoint::getInstance);
            if (idp.isPresent() && idp.get().isIndirectCRL()) {
                throw new UnusableCrlException("indirect CRL (issuingDistributionPoint indirectCRL), not supported");
            }
            AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(extensions);
            var freshest = extensions.getExtensionParsedValue(Extension.freshestCRL);
            return new CrlExtensions(Optional.ofNullable(aki).map(AuthorityKeyIdentifier::getKeyIdentifier),
                    integer(extensions, Extension.cRLNumber), integer(extensions, Extension.deltaCRLIndicator), idp,
                    freshest == null ? List.of()
                            : List.copyOf(DistributionPointUrls.downloadable(CRLDistPoint.getInstance(freshest))));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UnusableCrlException("malformed CRL extension: " + e.getMessage(), e);
        }
    }

    private static Optional<BigInteger> integer(Extensions extensions, ASN1ObjectIdentifier oid) {
        return Optional.ofNullable(extensions.getExtensionParsedValue(oid))
                .map(value -> ASN1Integer.getInstance(value).getValue());
    }
}
