package dev.pkinitkdc.pkinit.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.kdf.KdfInput;
import dev.pkinitkdc.pkinit.kdf.OctetString2Key;
import dev.pkinitkdc.pkinit.kdf.Rfc8636Kdf;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import dev.pkinitkdc.pkinit.testing.OpenSslCli;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * RFC 5349 ECDH, KDC side, against OpenSSL on fixed keys (test resources ecdh/, made with openssl genpkey): the
 * client's public key as openssl encodes it goes through the KDC's clientPublicValue selection; the KDC, given the
 * fixed KDC private key, must send the point openssl computes for that key; openssl derives Z from the client key
 * and the point our KDC sent, and that must be our Z, the x-coordinate left-padded to the field length (the keys
 * were chosen so Z starts with a zero octet). The reply keys from that Z are then compared with OpenSSL's SSKDF
 * (RFC 8636 5 is the SP 800-56A single-step KDF) and with octetstring2key over openssl's SHA-1.
 */
class OpenSslEcdhTest {
    /** RFC 5480 2.1.1.1 namedCurve OIDs, written out here rather than taken from EcCurve. */
    private static final Map<EcCurve, String> NAMED_CURVE = Map.of(EcCurve.P256, "1.2.840.10045.3.1.7",
            EcCurve.P384, "1.3.132.0.34", EcCurve.P521, "1.3.132.0.35");
    private static final String ID_EC_PUBLIC_KEY = "1.2.840.10045.2.1";
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(EcCurve.class)
    void theKdcsSharedSecretAndReplyKeysAreOpenSslsOnFixedKeys(EcCurve curve) throws Exception {
        Path client = copy("client-" + curve + ".pem");
        Path kdcKey = copy("kdc-" + curve + ".pem");
        SubjectPublicKeyInfo clientSpki = publicKey(client);
        assertEquals(ID_EC_PUBLIC_KEY, clientSpki.getAlgorithm().getAlgorithm().getId());
        assertEquals(NAMED_CURVE.get(curve), clientSpki.getAlgorithm().getParameters().toString());

        ClientKeyExchange selected = new KeyExchangeSelection(KeyExchangePolicy.defaults()).select(clientSpki, null);
        EllipticCurveExchange exchange = assertInstanceOf(EllipticCurveExchange.class, selected);
        assertEquals(curve, exchange.curve());
        KdcKeyAgreement kdc = exchange.agree(yielding(privateScalar(kdcKey, curve)));

        assertEquals(HEX.formatHex(publicKey(kdcKey).getPublicKeyData().getBytes()),
                HEX.formatHex(kdc.subjectPublicKey()),
                "the KDC's point is not the uncompressed point openssl gives for the fixed KDC key (or Bouncy"
                        + " Castle no longer draws the EC private key as one nextBytes)");
        Path kdcPoint = dir.resolve("kdc-point.der");
        Files.write(kdcPoint, new SubjectPublicKeyInfo(new AlgorithmIdentifier(new ASN1ObjectIdentifier(
                ID_EC_PUBLIC_KEY), new ASN1ObjectIdentifier(NAMED_CURVE.get(curve))), kdc.subjectPublicKey())
                .getEncoded());
        byte[] z = OpenSslCli.run(new byte[0], "pkeyutl", "-derive", "-inkey", client.toString(),
                "-peerkey", kdcPoint.toString(), "-peerform", "DER");
        assertEquals(0, z[0], "fixture: the keys were chosen so that Z starts with a zero octet");
        assertEquals(HEX.formatHex(z), HEX.formatHex(kdc.sharedSecret()));

        KdfInput in = kdfInput(kdc.sharedSecret());
        int keyLength = 32;   // aes256-cts-hmac-sha1-96: random-to-key is the identity (RFC 3962)
        Map<Rfc8636Kdf, String> digests = Map.of(Rfc8636Kdf.SHA1, "SHA1", Rfc8636Kdf.SHA256, "SHA256",
                Rfc8636Kdf.SHA512, "SHA512", Rfc8636Kdf.SHA384, "SHA384");
        for (Rfc8636Kdf kdf : Rfc8636Kdf.values()) {
            assertEquals(HEX.formatHex(OpenSslCli.sskdf(digests.get(kdf), z, kdf.otherInfo(in), keyLength)),
                    HEX.formatHex(kdf.deriveKey(in).getKeyData()), kdf.kdfName());
        }
        assertEquals(HEX.formatHex(OpenSslCli.octetString2Key(z, keyLength)),
                HEX.formatHex(OctetString2Key.INSTANCE.deriveKey(in).getKeyData()), "octetstring2key");
    }

    private static KdfInput kdfInput(byte[] z) {
        var realm = "EXAMPLE.ORG";
        return new KdfInput(z, null, null, Enctype.AES256_CTS_HMAC_SHA1_96,
                new KerberosPrincipalName(realm, 1, List.of("alice")),
                new KerberosPrincipalName(realm, 2, List.of("krbtgt", realm)),
                HEX.parseHex("6a0a0102030405060708"), HEX.parseHex("a0030201ff"));
    }

    private Path copy(String name) throws IOException {
        Path to = dir.resolve(name);
        try (InputStream in = OpenSslEcdhTest.class.getResourceAsStream("/ecdh/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource ecdh/" + name + " is missing");
            }
            Files.write(to, in.readAllBytes());
        }
        return to;
    }

    /** The public key of a PEM private key, as openssl encodes it (SubjectPublicKeyInfo, uncompressed point). */
    private static SubjectPublicKeyInfo publicKey(Path privatePem) {
        return SubjectPublicKeyInfo.getInstance(OpenSslCli.run(new byte[0], "pkey", "-in", privatePem.toString(),
                "-pubout", "-outform", "DER"));
    }

    /** The private scalar d, as {@code openssl ec} writes it (SEC 1 ECPrivateKey), left-padded to n's length. */
    private static byte[] privateScalar(Path privatePem, EcCurve curve) {
        BigInteger d = ECPrivateKey.getInstance(OpenSslCli.run(new byte[0], "ec", "-in", privatePem.toString(),
                "-outform", "DER")).getKey();
        byte[] padded = new byte[(curve.spec().getN().bitLength() + 7) / 8];
        byte[] raw = d.toByteArray();
        int from = Math.max(0, raw.length - padded.length);
        System.arraycopy(raw, from, padded, padded.length - (raw.length - from), raw.length - from);
        return padded;
    }

    /** A SecureRandom that hands out {@code d} once: the KDC's ephemeral key becomes the fixed key. */
    private static SecureRandom yielding(byte[] d) {
        return new SecureRandom() {
            private boolean used;

            @Override
            public void nextBytes(byte[] bytes) {
                if (used || bytes.length != d.length) {
                    throw new IllegalStateException("expected one draw of " + d.length + " octets, got "
                            + bytes.length + (used ? " after it" : ""));
                }
                used = true;
                System.arraycopy(d, 0, bytes, 0, d.length);
            }
        };
    }
}
