package dev.pkinitkdc.kdc.tool.bench;

import dev.pkinitkdc.kdc.request.ValidatedCertificate;
import dev.pkinitkdc.kdc.stage.trust.CertificatePathValidator;
import dev.pkinitkdc.kdc.tool.lab.LabUser;
import dev.pkinitkdc.pkinit.asn1.PkinitOids;
import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.cms.CmsSigner;
import dev.pkinitkdc.pkinit.cms.CmsVerifier;
import dev.pkinitkdc.pkinit.cms.NativeCrypto;
import dev.pkinitkdc.pkinit.cms.VerifiedSignedData;
import dev.pkinitkdc.pkinit.enctype.Enctype;
import dev.pkinitkdc.pkinit.enctype.Enctypes;
import dev.pkinitkdc.pkinit.kdf.KdfInput;
import dev.pkinitkdc.pkinit.kdf.Rfc8636Kdf;
import dev.pkinitkdc.pkinit.kx.DhKeyPair;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import dev.pkinitkdc.pkinit.kx.EcdhKeyPair;
import dev.pkinitkdc.pkinit.kx.ModpGroup;
import dev.pkinitkdc.pkinit.kx.ModularExponentiation;
import dev.pkinitkdc.pkinit.kx.OpenSslModularExponentiation;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kerby.kerberos.kerb.type.base.EncryptedData;
import org.apache.kerby.kerberos.kerb.type.base.EncryptionKey;
import org.apache.kerby.kerberos.kerb.type.base.KeyUsage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The crypto floor of one PKINIT AS-REQ (DH-2048 or ECDH P-256, RSA-2048 keys from the lab PKI), one benchmark
 * per operation the KDC performs: the sum of the DH line (verify, DH key, DH agreement, sign, KDF, two AES
 * encryptions, path) is what no implementation of the same mix can go below with these providers. Run with
 * scripts/bench-jmh.sh CryptoFloorBenchmark.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CryptoFloorBenchmark {
    private static final ModularExponentiation NATIVE_DH =
            OpenSslModularExponentiation.load().orElse(ModularExponentiation.JAVA);
    private final SecureRandom random = new SecureRandom();
    private BenchLab lab;
    private byte[] signedAuthPack;
    private DhKeyPair kdcDh;
    private DhKeyPair clientDh;
    private byte[] clientPoint;
    private PrivateKey kdcKey;
    private PrivateKey kdcNativeKey;
    private X509Certificate kdcCertificate;
    private List<X509Certificate> kdcChain;
    private byte[] kdcDhKeyInfo;
    private KdfInput kdfInput;
    private EncryptionKey aesKey;
    private byte[] ticketPart;
    private CertificatePathValidator validator;
    private X509Certificate clientCertificate;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        lab = BenchLab.start("auto");
        LabUser alice = lab.lab.user("alice");
        clientCertificate = PemFiles.certificate(alice.certificate());
        byte[] authPack = new byte[1100]; // about the size of an AuthPack with a MODP 14 public value
        random.nextBytes(authPack);
        signedAuthPack = CmsSigner.sign(PkinitOids.AUTH_DATA, authPack, PemFiles.privateKey(alice.privateKey()),
                clientCertificate, List.of());
        kdcDh = DhKeyPair.generate(ModpGroup.MODP14, random);
        clientDh = DhKeyPair.generate(ModpGroup.MODP14, random);
        clientPoint = EcdhKeyPair.generate(EcCurve.P256, random).publicPoint();
        kdcKey = PemFiles.privateKey(lab.lab.layout().kdc().privateKey());
        kdcNativeKey = NativeCrypto.nativeKey(kdcKey);
        kdcCertificate = PemFiles.certificate(lab.lab.layout().kdc().certificate());
        kdcChain = PemFiles.certificates(lab.lab.layout().issuingCertificate());
        kdcDhKeyInfo = new byte[300]; // KDCDHKeyInfo: subjectPublicKey (MODP 14), nonce, dhKeyExpiration
        random.nextBytes(kdcDhKeyInfo);
        KerberosPrincipalName client = new KerberosPrincipalName("LAB.EXAMPLE", 1, List.of("alice"));
        KerberosPrincipalName tgs = new KerberosPrincipalName("LAB.EXAMPLE", 2, List.of("krbtgt", "LAB.EXAMPLE"));
        kdfInput = new KdfInput(kdcDh.agree(clientDh.publicValue()), null, null, Enctype.AES256_CTS_HMAC_SHA1_96,
                client, tgs, new byte[1800], new byte[1900]);
        aesKey = Enctypes.randomKey(Enctype.AES256_CTS_HMAC_SHA1_96);
        ticketPart = new byte[1000]; // an EncTicketPart with a PAC-less authorization-data is a few hundred bytes
        validator = CertificatePathValidator.configured(lab.config.trust(), Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        lab.close();
    }

    /** RFC 4556 3.2.2: the client's SignedData AuthPack, RSA-2048 SHA-256. */
    @Benchmark
    public VerifiedSignedData cmsVerifyAuthPack() throws Exception {
        return CmsVerifier.verify(signedAuthPack, PkinitOids.AUTH_DATA);
    }

    /** RFC 4556 3.2.3.1: the KDC's fresh DH key, MODP 14 with the short exponent (ModpGroup.exponentBits). */
    @Benchmark
    public DhKeyPair dh2048KeyGeneration() {
        return DhKeyPair.generate(ModpGroup.MODP14, random);
    }

    /** The shared secret, with the client's value checked (SP 800-56A 5.6.2.3.1). */
    @Benchmark
    public byte[] dh2048Agreement() {
        return kdcDh.agree(clientDh.publicValue());
    }

    /** The KDC's DH-2048 key and the shared secret with libcrypto's exponentiation (crypto_provider = auto). */
    @Benchmark
    public byte[] dh2048KeyAndAgreementNative() {
        DhKeyPair kdc = DhKeyPair.generate(ModpGroup.MODP14, random, NATIVE_DH);
        return kdc.agreeWithChecked(clientDh.publicValue(), NATIVE_DH);
    }

    /** The same with the JDK's BigInteger, for comparison. */
    @Benchmark
    public byte[] dh2048KeyAndAgreementJava() {
        DhKeyPair kdc = DhKeyPair.generate(ModpGroup.MODP14, random);
        return kdc.agreeWithChecked(clientDh.publicValue());
    }

    /** RFC 5349: the KDC's P-256 key and the shared secret. */
    @Benchmark
    public byte[] ecdhP256KeyAndAgreement() {
        return EcdhKeyPair.generate(EcCurve.P256, random).agree(clientPoint);
    }

    /** RFC 4556 3.2.3.1: the KDC's SignedData over KDCDHKeyInfo, RSA-2048 SHA-256. */
    @Benchmark
    public byte[] rsa2048SignReply() {
        return CmsSigner.sign(PkinitOids.DH_KEY_DATA, kdcDhKeyInfo, kdcKey, kdcCertificate, kdcChain);
    }

    /** The same with the key in the native provider (crypto_provider = auto; the same as above without it). */
    @Benchmark
    public byte[] rsa2048SignReplyNative() {
        return CmsSigner.sign(PkinitOids.DH_KEY_DATA, kdcDhKeyInfo, kdcNativeKey, kdcCertificate, kdcChain);
    }

    /** RFC 8636 KDF (SHA-256) to an AES-256 reply key. */
    @Benchmark
    public EncryptionKey kdfSha256() {
        return Rfc8636Kdf.SHA256.deriveKey(kdfInput);
    }

    /** RFC 3962 aes256-cts of a ticket's enc-part (the enc-part of the reply costs about the same). */
    @Benchmark
    public EncryptedData aes256Encrypt() throws Exception {
        return Enctypes.encrypt(ticketPart, aesKey, KeyUsage.KDC_REP_TICKET);
    }

    /** RFC 5280 6.1: alice's path to the lab root through the issuing CA (no revocation). */
    @Benchmark
    public ValidatedCertificate pathValidation() throws Exception {
        return validator.validate(clientCertificate, List.of());
    }
}
