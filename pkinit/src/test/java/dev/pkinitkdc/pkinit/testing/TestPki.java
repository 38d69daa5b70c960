package dev.pkinitkdc.pkinit.testing;

import dev.pkinitkdc.pkinit.KdcIdentity;
import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import dev.pkinitkdc.pkinit.client.ClientIdentity;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A throwaway RSA-2048 CA, KDC and client built in the test. */
public final class TestPki {
    public static final String REALM = "TEST.EXAMPLE";
    /** The client principal the tests log on as. */
    public static final org.apache.kerby.kerberos.kerb.type.base.PrincipalName ALICE =
            new org.apache.kerby.kerberos.kerb.type.base.PrincipalName(java.util.List.of("alice"),
                    org.apache.kerby.kerberos.kerb.type.base.NameType.NT_PRINCIPAL);
    private static TestPki shared;

    /** One PKI for a whole test run: RSA key generation is the slow part. */
    public static synchronized TestPki shared() {
        if (shared == null) {
            try {
                shared = new TestPki();
            } catch (Exception e) {
                throw new IllegalStateException("test PKI", e);
            }
        }
        return shared;
    }
    private static final AtomicLong SERIAL = new AtomicLong(1);

    public final X509Certificate caCert;
    public final KdcIdentity kdc;
    public final ClientIdentity client;
    public final ClientIdentity selfSignedStranger;
    /** alice with a P-256 ECDSA key, issued by the same RSA CA. */
    public final ClientIdentity ecClient;

    public TestPki() throws Exception {
        KeyPair ca = rsa();
        caCert = cert(new X500Name("CN=Test Root CA"), ca, new X500Name("CN=Test Root CA"), ca.getPrivate(), true,
                null);
        KeyPair kdcKeys = rsa();
        X509Certificate kdcCert = cert(new X500Name("CN=kdc." + REALM.toLowerCase()), kdcKeys,
                new X500Name("CN=Test Root CA"), ca.getPrivate(), false,
                new KerberosPrincipalName(REALM, 2, List.of("krbtgt", REALM)));
        kdc = new KdcIdentity(kdcKeys.getPrivate(), kdcCert, List.of(caCert));
        KeyPair clientKeys = rsa();
        X509Certificate clientCert = cert(new X500Name("CN=alice"), clientKeys, new X500Name("CN=Test Root CA"),
                ca.getPrivate(), false, new KerberosPrincipalName(REALM, 1, List.of("alice")));
        client = new ClientIdentity(clientKeys.getPrivate(), clientCert, List.of());
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        KeyPair ecKeys = ec.generateKeyPair();
        ecClient = new ClientIdentity(ecKeys.getPrivate(), cert(new X500Name("CN=alice-ec"), ecKeys,
                new X500Name("CN=Test Root CA"), ca.getPrivate(), false,
                new KerberosPrincipalName(REALM, 1, List.of("alice"))), List.of());
        KeyPair stranger = rsa();
        selfSignedStranger = new ClientIdentity(stranger.getPrivate(), cert(new X500Name("CN=stranger"), stranger,
                new X500Name("CN=stranger"), stranger.getPrivate(), true, null), List.of());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate cert(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
                                        boolean ca, KerberosPrincipalName san) throws Exception {
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.getAndIncrement()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature));
        if (san != null) {
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(SubjectAltNames.kerberosName(san)));
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }
}
