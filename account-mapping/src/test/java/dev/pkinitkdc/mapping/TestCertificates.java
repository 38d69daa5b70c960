package dev.pkinitkdc.mapping;

import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Logon certificates built with Bouncy Castle, naming their user in the SAN. */
final class TestCertificates {
    private static final KeyPair KEYS = keys();

    private TestCertificates() {
    }

    static X509Certificate withUpn(String upn) {
        return build(SubjectAltNames.upnName(upn));
    }

    static X509Certificate withPkinitSan(String name, String realm) {
        return build(SubjectAltNames.kerberosName(new KerberosPrincipalName(realm, 1, List.of(name))));
    }

    static X509Certificate withoutSan() {
        return build();
    }

    static X509Certificate build(GeneralName... sans) {
        try {
            long now = System.currentTimeMillis();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=Lab CA"),
                    BigInteger.valueOf(now), new Date(now - 60_000), new Date(now + 3_600_000),
                    new X500Name("CN=user"), KEYS.getPublic());
            if (sans.length > 0) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEYS.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
