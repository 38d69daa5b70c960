package dev.pkinitkdc.pkinit.kdf;

import dev.pkinitkdc.pkinit.asn1.Der;
import dev.pkinitkdc.pkinit.asn1.OtherInfo;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.asn1.PkinitSuppPubInfo;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import java.util.Arrays;
import java.util.Optional;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * RFC 8636 8: the SP 800-56A 5.8.1 single-step (concatenation) KDF with the ASN.1 OtherInfo:
 * K = H(counter=1 | Z | OtherInfo) | H(counter=2 | Z | OtherInfo) | ..., 32-bit big-endian counter, truncated to
 * the enctype's seed length; reply key = random-to-key(K). OIDs id-pkinit-kdf-ah-* are RFC 8636 7 (sha384 is the
 * fourth arc of the module).
 */
public enum Rfc8636Kdf implements ReplyKeyKdf {
    SHA1("1", "SHA-1", "id-pkinit-kdf-sha1"),
    SHA256("2", "SHA-256", "id-pkinit-kdf-sha256"),
    SHA512("3", "SHA-512", "id-pkinit-kdf-sha512"),
    SHA384("4", "SHA-384", "id-pkinit-kdf-sha384");

    private final ASN1ObjectIdentifier oid;
    private final String digest;
    private final String kdfName;

    Rfc8636Kdf(String arc, String digest, String kdfName) {
        this.oid = PkinitOids.KDF.branch(arc);
        this.digest = digest;
        this.kdfName = kdfName;
    }

    public ASN1ObjectIdentifier identifier() {
        return oid;
    }

    @Override
    public Optional<ASN1ObjectIdentifier> oid() {
        return Optional.of(oid);
    }

    @Override
    public String kdfName() {
        return kdfName;
    }

    public static Optional<Rfc8636Kdf> forOid(ASN1ObjectIdentifier oid) {
        return Arrays.stream(values()).filter(k -> k.oid.equals(oid)).findFirst();
    }

    /** OtherInfo for this KDF (RFC 8636 8); the algorithm identifier has no parameters. */
    public byte[] otherInfo(KdfInput in) {
        return otherInfo(in, in.enctype().value());
    }

    /** OtherInfo naming etype number {@code etype}, also one this project does not issue (RFC 8636 vectors). */
    byte[] otherInfo(KdfInput in, int etype) {
        byte[] supp = new PkinitSuppPubInfo(etype, in.asReq(), in.pkAsRep()).encode();
        return new OtherInfo(new AlgorithmIdentifier(oid),
                Der.encode(SubjectAltNames.encodeKrb5PrincipalName(in.client())),
                Der.encode(SubjectAltNames.encodeKrb5PrincipalName(in.tgs())), supp).encode();
    }

    @Override
    public EncryptionKey deriveKey(KdfInput in) {
        byte[] seed = derive(in.sharedSecret(), otherInfo(in), KeySeeds.seedLength(in.enctype()));
        try {
            return KeySeeds.randomToKey(in.enctype(), seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The raw KDF output of {@code length} bytes. */
    public byte[] derive(byte[] z, byte[] otherInfo, int length) {
        return DigestBlocks.expand(digest, 1, (h, counter) -> {
            h.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8),
                    (byte) counter});
            h.update(z);
        }, otherInfo, length);
    }
}
