package dev.pkinitkdc.kdc.tool.labpki;

import java.io.OutputStream;
import java.security.SecureRandom;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.generators.PKCS12ParametersGenerator;
import org.bouncycastle.crypto.io.CipherOutputStream;
import org.bouncycastle.crypto.io.MacOutputStream;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.operator.GenericKey;
import org.bouncycastle.operator.MacCalculator;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder;

/**
 * RFC 7292 password-based bag encryption and MAC under the empty password, encoded as appendix B.1 says: a
 * BMPString with its two-byte NUL terminator, so two zero bytes. Bouncy Castle's builders encode an empty password
 * as no bytes at all, which OpenSSL accepts as a second try but Heimdal's hx509 never tries.
 */
final class EmptyPasswordPkcs12 {
    private static final byte[] PASSWORD = new byte[2];
    private static final int ITERATIONS = 2048;
    private static final int SALT_LENGTH = 16;

    private EmptyPasswordPkcs12() {
    }

    /** RFC 7292 appendix C pbeWithSHAAnd3-KeyTripleDES-CBC, the scheme every PKCS#12 reader knows. */
    static OutputEncryptor tripleDesEncryptor(SecureRandom random) {
        byte[] salt = salt(random);
        PKCS12ParametersGenerator generator = new PKCS12ParametersGenerator(new SHA1Digest());
        generator.init(PASSWORD, salt, ITERATIONS);
        CipherParameters keyAndIv = generator.generateDerivedParameters(192, 64);
        AlgorithmIdentifier algorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
                new PKCS12PBEParams(salt, ITERATIONS));
        return new OutputEncryptor() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream(OutputStream out) {
                PaddedBufferedBlockCipher cipher =
                        new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(new DESedeEngine()));
                cipher.init(true, keyAndIv);
                return new CipherOutputStream(out, cipher);
            }

            @Override
            public GenericKey getKey() {
                return new GenericKey(algorithm, PASSWORD.clone());
            }
        };
    }

    /** RFC 7292 appendix B.4 MacData with HMAC-SHA-256, its key derived with ID 3 from the empty password. */
    static PKCS12MacCalculatorBuilder hmacSha256(SecureRandom random) {
        AlgorithmIdentifier digest = new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256);
        return new PKCS12MacCalculatorBuilder() {
            @Override
            public AlgorithmIdentifier getDigestAlgorithmIdentifier() {
                return digest;
            }

            @Override
            public MacCalculator build(char[] ignored) {
                byte[] salt = salt(random);
                PKCS12ParametersGenerator generator = new PKCS12ParametersGenerator(new SHA256Digest());
                generator.init(PASSWORD, salt, ITERATIONS);
                HMac hmac = new HMac(new SHA256Digest());
                hmac.init(generator.generateDerivedMacParameters(256));
                MacOutputStream stream = new MacOutputStream(hmac);
                AlgorithmIdentifier algorithm = new AlgorithmIdentifier(digest.getAlgorithm(),
                        new PKCS12PBEParams(salt, ITERATIONS));
                return new MacCalculator() {
                    @Override
                    public AlgorithmIdentifier getAlgorithmIdentifier() {
                        return algorithm;
                    }

                    @Override
                    public OutputStream getOutputStream() {
                        return stream;
                    }

                    @Override
                    public byte[] getMac() {
                        return stream.getMac();
                    }

                    @Override
                    public GenericKey getKey() {
                        return new GenericKey(algorithm, PASSWORD.clone());
                    }
                };
            }
        };
    }

    private static byte[] salt(SecureRandom random) {
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return salt;
    }
}
