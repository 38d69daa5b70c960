package dev.pkinitkdc.mapping;

import dev.pkinitkdc.mapping.altsec.CertificateSids;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates with chosen issuer, subject, serial, notBefore, SKI, SANs and SID extension. */
final class CertBuilder {
    private static final KeyPair KEYS = keys();

    private String issuer = "DC=example,DC=lab,CN=LAB-CA";
    private String subject = "CN=user";
    private BigInteger serial = BigInteger.valueOf(42);
    private Instant notBefore = Instant.now().minusSeconds(60);
    private byte[] ski;
    private final List<GeneralName> sans = new ArrayList<>();
    private String sidExtension;

    CertBuilder issuer(String dn) { issuer = dn; return this; }
    CertBuilder subject(String dn) { subject = dn; return this; }
    CertBuilder serial(BigInteger value) { serial = value; return this; }
    CertBuilder notBefore(Instant value) { notBefore = value; return this; }
    CertBuilder ski(byte[] value) { ski = value; return this; }
    CertBuilder san(GeneralName name) { sans.add(name); return this; }
    CertBuilder email(String value) { return san(new GeneralName(GeneralName.rfc822Name, value)); }
    CertBuilder dns(String value) { return san(new GeneralName(GeneralName.dNSName, value)); }
    CertBuilder sidUri(String sid) { return san(new GeneralName(GeneralName.uniformResourceIdentifier,
            CertificateSids.SID_URI_PREFIX + sid)); }
    CertBuilder sidExtension(String sid) { sidExtension = sid; return this; }

    X509Certificate build() {
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name(issuer), serial,
                    Date.from(notBefore), Date.from(notBefore.plusSeconds(86_400)), new X500Name(subject),
                    KEYS.getPublic());
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            if (ski != null) {
                b.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(ski));
            }
            if (sidExtension != null) {
                b.addExtension(CertificateSids.extension(sidExtension));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(KEYS.getPrivate())));
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
