package dev.pkinitkdc.mapping;

import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;

/** Logon certificates built with Bouncy Castle, naming their user in the SAN. */
final class TestCertificates {
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
        CertBuilder builder = new CertBuilder().issuer("CN=Lab CA");
        for (GeneralName san : sans) {
            builder.san(san);
        }
        return builder.build();
    }
}
