package dev.pkinitkdc.revocation.crl.bench;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * A huge CRL for the benchmark, written directly as DER (RFC 5280 5.1; Bouncy Castle's builder would need
 * gigabytes for a million entries) and signed SHA-256 with RSA by a fresh CA. Cached under {@code target/} with
 * the CA certificate, so later runs only read it.
 *
 * @param serials 1024 of the listed serials (a power of two, for cheap cycling), and {@code absent} one that is not listed
 */
record LargeCrl(byte[] der, X509Certificate issuer, BigInteger[] serials, BigInteger absent) {
    private static final byte[] SHA256_WITH_RSA = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x0b, 0x05, 0x00};
    /** crlEntryExtensions with reasonCode keyCompromise (RFC 5280 5.3.1). */
    private static final byte[] KEY_COMPROMISE = {0x30, 0x0c, 0x30, 0x0a, 0x06, 0x03, 0x55, 0x1d, 0x15, 0x04, 0x03,
        0x0a, 0x01, 0x01};
    private static final int SAMPLES = 1024;
    private static final long SEED = 5;

    static LargeCrl load(Path folder, int entries) throws IOException, GeneralSecurityException {
        Path crlFile = folder.resolve("crl-" + entries + ".der");
        Path caFile = folder.resolve("crl-" + entries + "-ca.der");
        if (!Files.exists(crlFile) || !Files.exists(caFile)) {
            CertifiedKey ca = CertificateBuilder.withNewKey("CN=Benchmark CA,DC=lab,DC=example").ca(0).selfSigned();
            Files.createDirectories(folder);
            Files.write(crlFile, generate(ca, entries));
            Files.write(caFile, ca.certificate().getEncoded());
        }
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(caFile));
        BigInteger[] samples = new BigInteger[SAMPLES];
        SplittableRandom random = new SplittableRandom(SEED);
        int step = Math.max(1, entries / SAMPLES);
        for (int i = 0; i < entries && i / step < SAMPLES; i++) {
            BigInteger serial = new BigInteger(serial(random));
            if (i % step == 0) {
                samples[i / step] = serial;
            }
        }
        for (int i = 0; i < SAMPLES; i++) {
            samples[i] = samples[i] != null ? samples[i] : samples[0];
        }
        return new LargeCrl(Files.readAllBytes(crlFile), ca, samples, BigInteger.ONE.shiftLeft(130));
    }

    /** 16 octets, top bits 01: positive, minimal and unique with overwhelming probability. */
    private static byte[] serial(SplittableRandom random) {
        byte[] serial = new byte[16];
        random.nextBytes(serial);
        serial[0] = (byte) ((serial[0] & 0x3f) | 0x40);
        return serial;
    }

    static byte[] generate(CertifiedKey ca, int entries) throws IOException, GeneralSecurityException {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
        byte[] revocationDate = tlv(0x17, utc(now.minusDays(1)));
        SplittableRandom random = new SplittableRandom(SEED);
        ByteArrayOutputStream list = new ByteArrayOutputStream(entries * 50);
        for (int i = 0; i < entries; i++) {
            byte[] serial = tlv(0x02, serial(random));
            list.write(0x30);
            list.write(serial.length + revocationDate.length + KEY_COMPROMISE.length);
            list.write(serial);
            list.write(revocationDate);
            list.write(KEY_COMPROMISE);
        }
        Extensions extensions = new Extensions(new Extension[] {
            new Extension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils()
                    .createAuthorityKeyIdentifier(ca.certificate()).getEncoded()),
            new Extension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE).getEncoded())});
        byte[] tbs = tlv(0x30, new byte[] {0x02, 0x01, 0x01}, SHA256_WITH_RSA,
                ca.certificate().getSubjectX500Principal().getEncoded(), tlv(0x17, utc(now)),
                tlv(0x17, utc(now.plusDays(7))), tlv(0x30, list.toByteArray()), tlv(0xa0, extensions.getEncoded()));
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(ca.privateKey());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bits, 1, signature.length);
        return tlv(0x30, tbs, SHA256_WITH_RSA, tlv(0x03, bits));
    }

    private static byte[] utc(ZonedDateTime time) {
        return time.format(DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'")).getBytes(
                java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** X.690 definite-length TLV of the concatenated parts. */
    private static byte[] tlv(int tag, byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            int octets = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | octets);
            for (int i = octets - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
