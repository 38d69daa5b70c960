package dev.pkinitkdc.kdc.support.identity;

import dev.pkinitkdc.pkinit.KdcIdentity;
import dev.pkinitkdc.pkinit.cert.KerberosPrincipalName;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a client will think of the KDC's certificate (RFC 4556 3.2.4: id-pkinit-san krbtgt/REALM@REALM, or a
 * dNSName with EKU id-pkinit-KPKdc, as MIT's pkinit_kdc_hostname), and whether the KDC can use it at all.
 */
public final class KdcCertificateCheck {
    static final String ID_PKINIT_KP_KDC = "1.3.6.1.5.2.3.5";
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private KdcCertificateCheck() {
    }

    /** Refuses an identity the KDC cannot sign with: a key that is not the certificate's, or a dead certificate. */
    public static void requireUsable(KdcIdentity identity, Instant now) throws InvalidKdcIdentityException {
        X509Certificate cert = identity.certificate();
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            throw new InvalidKdcIdentityException("KDC certificate " + thumbprint(cert) + " expired "
                    + cert.getNotAfter().toInstant());
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            throw new InvalidKdcIdentityException("KDC certificate " + thumbprint(cert) + " is not valid before "
                    + cert.getNotBefore().toInstant());
        }
        if (!keyMatches(identity)) {
            throw new InvalidKdcIdentityException("the KDC private key does not belong to certificate "
                    + thumbprint(cert));
        }
    }

    /** What clients may refuse, one sentence each; empty when the certificate looks right for the realm. */
    public static List<String> warnings(X509Certificate cert, String realm, Instant now) {
        List<String> out = new ArrayList<>();
        List<String> ekus = ekus(cert);
        if (!ekus.contains(ID_PKINIT_KP_KDC)) {
            out.add("it lacks EKU id-pkinit-KPKdc (1.3.6.1.5.2.3.5); MIT clients then require the id-pkinit-san");
        }
        KerberosPrincipalName tgs = new KerberosPrincipalName(realm, 2, List.of("krbtgt", realm));
        boolean namesTgs = SubjectAltNames.kerberosPrincipals(cert).stream()
                .anyMatch(p -> p.realm().equals(realm) && p.components().equals(tgs.components()));
        if (!namesTgs && SubjectAltNames.dnsNames(cert).isEmpty()) {
            out.add("it names neither krbtgt/" + realm + "@" + realm + " (id-pkinit-san) nor a dNSName");
        }
        Instant notAfter = cert.getNotAfter().toInstant();
        if (!now.isAfter(notAfter) && now.plus(EXPIRY_WARNING).isAfter(notAfter)) {
            out.add("it expires " + notAfter + ", within " + EXPIRY_WARNING.toDays() + " days");
        }
        return out;
    }

    /** One line for the log: subject, issuer, thumbprint, validity, EKUs and SANs. Never key material. */
    public static String describe(X509Certificate cert) {
        List<String> sans = new ArrayList<>();
        SubjectAltNames.kerberosPrincipals(cert).forEach(p -> sans.add("pkinit-san:" + p));
        SubjectAltNames.upns(cert).forEach(u -> sans.add("upn:" + u));
        SubjectAltNames.dnsNames(cert).forEach(d -> sans.add("dns:" + d));
        return "subject=\"" + cert.getSubjectX500Principal().getName() + "\" issuer=\""
                + cert.getIssuerX500Principal().getName() + "\" thumbprint=" + thumbprint(cert)
                + " valid=" + cert.getNotBefore().toInstant() + ".." + cert.getNotAfter().toInstant()
                + " eku=" + ekus(cert) + " san=" + sans;
    }

    /** The SHA-1 thumbprint, as Windows' certutil shows it. */
    public static String thumbprint(X509Certificate cert) {
        return dev.pkinitkdc.kdc.request.CertificateFacts.thumbprint(cert, "SHA-1");
    }

    private static List<String> ekus(X509Certificate cert) {
        try {
            List<String> ekus = cert.getExtendedKeyUsage();
            return ekus == null ? List.of() : ekus;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    /** Signs a random challenge with the private key and verifies it with the certificate's public key. */
    private static boolean keyMatches(KdcIdentity identity) {
        String keyType = identity.certificate().getPublicKey().getAlgorithm();
        if (!keyType.equals(identity.privateKey().getAlgorithm())) {
            return false;
        }
        String algorithm = switch (keyType) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(identity.privateKey());
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(identity.certificate().getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
