package dev.pkinitkdc.mapping.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA (EC P-256, Bouncy Castle) that issues TLS server certificates (RSA 2048) for test servers,
 * written as PEM files; valid from a minute ago for an hour.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    private final X500Name name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    private TestPki(X500Name name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new self-signed CA named {@code CN=commonName}. */
    public static TestPki create(String commonName) throws GeneralSecurityException {
        X500Name name = new X500Name("CN=" + commonName);
        KeyPair keys = newKeys();
        X509v3CertificateBuilder builder = builder(name, name, keys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return new TestPki(name, keys, sign(builder, keys));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Writes the CA certificate as PEM. */
    public Path writeCertificate(Path file) throws IOException, GeneralSecurityException {
        Files.writeString(file, pem("CERTIFICATE", certificate.getEncoded()));
        return file;
    }

    /**
     * Issues a server certificate for {@code hosts} (IP literals become iPAddress, other names dNSName
     * subjectAltNames) and writes it, with this CA after it, and its PKCS#8 key as PEM files into {@code dir}.
     */
    public ServerTls issueServer(Path dir, String... hosts) throws IOException, GeneralSecurityException {
        KeyPair serverKeys = rsaKeys(); // GnuTLS (Debian's slapd) cannot read the JDK's PKCS#8 encoding of EC keys
        X509v3CertificateBuilder builder = builder(name, new X500Name("CN=" + hosts[0]), serverKeys.getPublic());
        GeneralName[] sans = new GeneralName[hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            sans[i] = new GeneralName(isIpLiteral(hosts[i]) ? GeneralName.iPAddress : GeneralName.dNSName, hosts[i]);
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        X509Certificate server = sign(builder, keys);
        Files.createDirectories(dir);
        Path cert = Files.writeString(dir.resolve("server.crt"),
                pem("CERTIFICATE", server.getEncoded()) + pem("CERTIFICATE", certificate.getEncoded()));
        Path key = Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded()));
        return new ServerTls(cert, key);
    }

    private static boolean isIpLiteral(String host) {
        return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
        long now = System.currentTimeMillis();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                new Date(now - 60_000), new Date(now + 3_600_000), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    private static KeyPair rsaKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
