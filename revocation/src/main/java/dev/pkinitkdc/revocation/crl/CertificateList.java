package dev.pkinitkdc.revocation.crl;

import dev.pkinitkdc.revocation.RevokedEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * One CRL (RFC 5280 5.1 CertificateList), read from its DER with {@link DerReader}: the header fields, the
 * {@link CrlExtensions} and the {@link RevokedCertificates} index. The encoded CRL is kept only until the
 * signature has been verified with the issuer's key; afterwards only the key is remembered, so a verified
 * million-entry CRL holds just its index.
 */
public final class CertificateList {
    private static final String PEM_BEGIN = "-----BEGIN X509 CRL-----";
    private static final String PEM_END = "-----END X509 CRL-----";
    /** How far a CRL's thisUpdate may be ahead of the local clock (the same allowance as for OCSP responses). */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final X500Principal issuer;
    private final Instant thisUpdate;
    private final Optional<Instant> nextUpdate;
    private final CrlExtensions extensions;
    private final RevokedCertificates revoked;
    private final int tbsStart;
    private final int tbsEnd;
    private final byte[] signatureAlgorithm;
    private final byte[] signature;
    private byte[] der;
    private byte[] verifiedKey;

    private CertificateList(Builder b) {
        this.issuer = b.issuer;
        this.thisUpdate = b.thisUpdate;
        this.nextUpdate = b.nextUpdate;
        this.extensions = b.extensions;
        this.revoked = b.revoked;
        this.tbsStart = b.tbsStart;
        this.tbsEnd = b.tbsEnd;
        this.signatureAlgorithm = b.signatureAlgorithm;
        this.signature = b.signature;
        this.der = b.der;
    }

    private static final class Builder {
        X500Principal issuer;
        Instant thisUpdate;
        Optional<Instant> nextUpdate = Optional.empty();
        CrlExtensions extensions = CrlExtensions.NONE;
        RevokedCertificates revoked = RevokedCertificates.EMPTY;
        int tbsStart;
        int tbsEnd;
        byte[] signatureAlgorithm;
        byte[] signature;
        byte[] der;
    }

    /** Reads a CRL in DER, or in PEM ("-----BEGIN X509 CRL-----", RFC 7468 5). */
    public static CertificateList parse(byte[] derOrPem) throws UnusableCrlException {
        return parseDer(pemToDer(derOrPem));
    }

    private static byte[] pemToDer(byte[] bytes) throws UnusableCrlException {
        if (bytes.length == 0 || bytes[0] == DerReader.SEQUENCE) {
            return bytes;
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        int begin = text.indexOf(PEM_BEGIN);
        int end = text.indexOf(PEM_END);
        if (begin < 0 || end < begin) {
            throw new UnusableCrlException("neither a DER CRL nor a PEM " + PEM_BEGIN);
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(begin + PEM_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new UnusableCrlException("bad base64 in PEM CRL", e);
        }
    }

    /** RFC 5280 5.1: CertificateList ::= SEQUENCE { tbsCertList, signatureAlgorithm, signatureValue }. */
    private static CertificateList parseDer(byte[] der) throws UnusableCrlException {
        Builder b = new Builder();
        b.der = der;
        DerReader r = new DerReader(der, 0);
        if (r.enter(DerReader.SEQUENCE) != der.length) {
            throw new UnusableCrlException("trailing bytes after the CRL");
        }
        b.tbsStart = r.position();
        b.tbsEnd = r.enter(DerReader.SEQUENCE);
        readTbsCertList(r, b);
        int algorithmStart = r.position();
        r.skip(DerReader.SEQUENCE);
        b.signatureAlgorithm = Arrays.copyOfRange(der, algorithmStart, r.end());
        r.skip(DerReader.BIT_STRING);
        if (r.length() < 2 || der[r.start()] != 0) {
            throw new UnusableCrlException("signatureValue is not a whole number of octets");
        }
        b.signature = Arrays.copyOfRange(der, r.start() + 1, r.end());
        return new CertificateList(b);
    }

    /** RFC 5280 5.1.2: version, signature, issuer, thisUpdate, nextUpdate, revokedCertificates, crlExtensions. */
    private static void readTbsCertList(DerReader r, Builder b) throws UnusableCrlException {
        byte[] der = r.bytes();
        if (r.peekTag() == DerReader.INTEGER) {
            r.skip(DerReader.INTEGER);
            if (r.length() != 1 || der[r.start()] != 1) {
                throw new UnusableCrlException("CRL version is not v2");
            }
        }
        int innerAlgorithmStart = r.position();
        r.skip(DerReader.SEQUENCE);
        byte[] innerAlgorithm = Arrays.copyOfRange(der, innerAlgorithmStart, r.end());
        int issuerStart = r.position();
        r.skip(DerReader.SEQUENCE);
        try {
            b.issuer = new X500Principal(Arrays.copyOfRange(der, issuerStart, r.end()));
        } catch (IllegalArgumentException e) {
            throw new UnusableCrlException("malformed CRL issuer name", e);
        }
        b.thisUpdate = Instant.ofEpochSecond(DerTime.read(r));
        if (r.position() < b.tbsEnd && DerTime.isTime(r.peekTag())) {
            b.nextUpdate = Optional.of(Instant.ofEpochSecond(DerTime.read(r)));
        }
        if (r.position() < b.tbsEnd && r.peekTag() == DerReader.SEQUENCE) {
            b.revoked = RevokedCertificates.read(r);
        }
        if (r.position() < b.tbsEnd && r.peekTag() == DerReader.CONTEXT_0) {
            r.enter(DerReader.CONTEXT_0);
            int extensionsStart = r.position();
            r.skip(DerReader.SEQUENCE);
            b.extensions = CrlExtensions.parse(Arrays.copyOfRange(der, extensionsStart, r.end()));
        }
        if (r.position() != b.tbsEnd) {
            throw new UnusableCrlException("unexpected data at the end of tbsCertList");
        }
        // RFC 5280 5.1.1.2: signatureAlgorithm MUST be the same as the signature field of tbsCertList.
        int outerStart = r.position();
        r.skip(DerReader.SEQUENCE);
        if (!Arrays.equals(innerAlgorithm, Arrays.copyOfRange(der, outerStart, r.end()))) {
            throw new UnusableCrlException("signatureAlgorithm differs from tbsCertList's signature");
        }
        r.position(outerStart);
    }

    /**
     * Verifies the signature over tbsCertList with the issuer's public key (RFC 5280 6.3.3 (g)); the issuer must
     * be allowed to sign CRLs (cRLSign, 4.2.1.3) when it has keyUsage. Remembered: once verified, later calls
     * compare keys only, and a different key is refused (it cannot have made this signature).
     */
    public synchronized void verify(X509Certificate issuerCertificate) throws UnusableCrlException {
        PublicKey key = issuerCertificate.getPublicKey();
        if (verifiedKey != null) {
            if (!Arrays.equals(verifiedKey, key.getEncoded())) {
                throw new UnusableCrlException("CRL is signed by another key than that of "
                        + issuerCertificate.getSubjectX500Principal().getName());
            }
            return;
        }
        boolean[] keyUsage = issuerCertificate.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= 6 || !keyUsage[6])) {
            throw new UnusableCrlException("CRL issuer " + issuerCertificate.getSubjectX500Principal().getName()
                    + " has keyUsage without cRLSign");
        }
        try {
            ContentVerifier verifier = new JcaContentVerifierProviderBuilder().build(key)
                    .get(AlgorithmIdentifier.getInstance(signatureAlgorithm));
            try (OutputStream out = verifier.getOutputStream()) {
                out.write(der, tbsStart, tbsEnd - tbsStart);
            }
            if (!verifier.verify(signature)) {
                throw new UnusableCrlException("CRL signature does not verify with the key of "
                        + issuerCertificate.getSubjectX500Principal().getName());
            }
        } catch (OperatorCreationException | IOException | IllegalArgumentException e) {
            throw new UnusableCrlException("cannot verify the CRL signature: " + e.getMessage(), e);
        }
        verifiedKey = key.getEncoded();
        der = null;
    }

    /** The entry of {@code serial} (RFC 5280 5.1.2.6), if this CRL lists it; O(1). */
    public Optional<RevokedEntry> entry(BigInteger serial) {
        int entry = revoked.indexOf(serial);
        return entry < 0 ? Optional.empty() : Optional.of(new RevokedEntry(
                Instant.ofEpochSecond(revoked.revocationDate(entry)), ReasonCode.name(revoked.reason(entry))));
    }

    /** Whether this CRL lists {@code serial}; O(1), allocation-free apart from the serial's octets. */
    public boolean lists(BigInteger serial) {
        return revoked.indexOf(serial) >= 0;
    }

    /** How many certificates this CRL lists. */
    public int size() {
        return revoked.size();
    }

    /** Bytes retained by the entry index's arrays (the encoded CRL is released once the signature is verified). */
    public long indexBytes() {
        return revoked.retainedBytes();
    }

    X500Principal issuer() {
        return issuer;
    }

    Instant thisUpdate() {
        return thisUpdate;
    }

    /** Absent only in CRLs that do not conform to RFC 5280 5.1.2.5: such a CRL never expires here. */
    Optional<Instant> nextUpdate() {
        return nextUpdate;
    }

    CrlExtensions extensions() {
        return extensions;
    }

    RevokedCertificates revoked() {
        return revoked;
    }

    /** Whether {@code now} is not after nextUpdate (RFC 5280 6.3.3 (a)(2)); a CRL without nextUpdate always is. */
    boolean currentAt(Instant now) {
        return nextUpdate.map(next -> !now.isAfter(next)).orElse(true);
    }

    /**
     * Whether this CRL was issued after {@code now}, beyond the allowed clock skew (RFC 5280 5.1.2.4 thisUpdate is
     * the issue date): such a CRL is refused, as an OCSP response from the future is (RFC 6960 3.2).
     */
    boolean issuedAfter(Instant now) {
        return thisUpdate.isAfter(now.plus(CLOCK_SKEW));
    }

    /**
     * Whether this delta CRL (RFC 5280 5.2.4) can update {@code complete}: same issuer, BaseCRLNumber not above
     * the complete CRL's cRLNumber, and a cRLNumber above it (the delta is newer).
     */
    boolean isDeltaOf(CertificateList complete) {
        return isDelta() && !complete.isDelta() && issuer.equals(complete.issuer)
                && complete.extensions.crlNumber().isPresent()
                && extensions.baseCrlNumber().get().compareTo(complete.number()) <= 0
                && number().compareTo(complete.number()) > 0;
    }

    boolean isDelta() {
        return extensions.baseCrlNumber().isPresent();
    }

    BigInteger number() {
        return extensions.crlNumber().orElse(BigInteger.ONE.negate());
    }

    /** Whether this CRL supersedes {@code other} of the same scope: a higher cRLNumber, else a later thisUpdate. */
    boolean newerThan(CertificateList other) {
        int byNumber = number().compareTo(other.number());
        return byNumber != 0 ? byNumber > 0 : thisUpdate.isAfter(other.thisUpdate);
    }

    /** "cRLNumber 7, thisUpdate ..., nextUpdate ..., 12 entries" for logs. */
    String summary() {
        return (isDelta() ? "delta " : "") + "CRL of " + issuer.getName() + " number " + number() + ", thisUpdate "
                + thisUpdate + ", nextUpdate " + nextUpdate.map(Instant::toString).orElse("none") + ", "
                + revoked.size() + " entries";
    }
}
