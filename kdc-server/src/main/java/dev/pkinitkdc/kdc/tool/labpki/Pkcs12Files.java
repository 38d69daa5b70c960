package dev.pkinitkdc.kdc.tool.labpki;

import dev.pkinitkdc.kdc.support.files.SecretFiles;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;

/**
 * PKCS#12 files (RFC 7292) with an empty password, as {@code openssl pkcs12 -passin pass:}, MIT kinit's
 * {@code PKCS12:} and Heimdal kinit's {@code -C PKCS12:} identities read them without prompting.
 *
 * <p>The bags are protected with RFC 7292 appendix C's pbeWithSHAAnd3-KeyTripleDES-CBC rather than the JDK's PBES2,
 * with the empty password encoded as {@link EmptyPasswordPkcs12} explains, and the file is DER: Heimdal 7.8's hx509
 * reads nothing else (it then finds no key and sends an AuthPack with no signer). With an empty password the
 * encryption protects nothing either way; the file's mode 0600 does.
 */
public final class Pkcs12Files {
    public static final String ALIAS = "1";
    private static final char[] EMPTY_PASSWORD = new char[0];
    private static final int ITERATIONS = 10_000;
    private static final Provider BC = new BouncyCastleProvider();

    private Pkcs12Files() {
    }

    /** Writes the key and its certificate, followed by {@code chain} (issuing CAs), mode 0600. */
    public static void write(Path file, CertifiedKey credential, List<X509Certificate> chain) throws IOException {
        write(file, credential, chain, EMPTY_PASSWORD);
    }

    /**
     * Like {@link #write(Path, CertifiedKey, List)} under {@code password}; a non-empty password protects the bags
     * with PBES2 (PBKDF2-HMAC-SHA-256, AES-256-CBC; RFC 8018), which the JDK, OpenSSL and MIT kinit read.
     */
    public static void write(Path file, CertifiedKey credential, List<X509Certificate> chain, char[] password)
            throws IOException {
        try {
            // RFC 7292 4.2: localKeyId ties the key bag to its certificate's bag
            DEROctetString keyId = new DEROctetString(MessageDigest.getInstance("SHA-1")
                    .digest(credential.certificate().getEncoded()));
            SecureRandom random = new SecureRandom();
            boolean empty = password.length == 0;
            OutputEncryptor encryptor = empty ? EmptyPasswordPkcs12.tripleDesEncryptor(random)
                    : new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC).setProvider(BC)
                            .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, DERNull.INSTANCE))
                            .setIterationCount(ITERATIONS).setRandom(random).build(password);
            List<PKCS12SafeBag> certificates = new ArrayList<>();
            PKCS12SafeBagBuilder own = new JcaPKCS12SafeBagBuilder(credential.certificate());
            own.addBagAttribute(PKCS12SafeBag.friendlyNameAttribute, new DERBMPString(ALIAS));
            own.addBagAttribute(PKCS12SafeBag.localKeyIdAttribute, keyId);
            certificates.add(own.build());
            for (X509Certificate ca : chain) {
                certificates.add(new JcaPKCS12SafeBagBuilder(ca).build());
            }
            PKCS12SafeBagBuilder key = new JcaPKCS12SafeBagBuilder(credential.privateKey(), encryptor);
            key.addBagAttribute(PKCS12SafeBag.friendlyNameAttribute, new DERBMPString(ALIAS));
            key.addBagAttribute(PKCS12SafeBag.localKeyIdAttribute, keyId);
            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(encryptor, certificates.toArray(PKCS12SafeBag[]::new));
            pfx.addData(key.build());
            PKCS12PfxPdu pdu = empty ? pfx.build(EmptyPasswordPkcs12.hmacSha256(random), EMPTY_PASSWORD)
                    : pfx.build(new JcePKCS12MacCalculatorBuilder(NISTObjectIdentifiers.id_sha256).setProvider(BC)
                            .setIterationCount(ITERATIONS), password);
            // DER, not BC's indefinite-length BER: hx509 does not decode the latter
            byte[] der = pdu.getEncoded(ASN1Encoding.DER);
            SecretFiles.write(file, out -> out.write(der));
        } catch (NoSuchAlgorithmException | PKCSException | OperatorCreationException
                 | CertificateEncodingException e) {
            throw new IOException(file + ": cannot write PKCS#12", e);
        }
    }
}
