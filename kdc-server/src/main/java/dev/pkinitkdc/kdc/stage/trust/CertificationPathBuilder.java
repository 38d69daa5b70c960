package dev.pkinitkdc.kdc.stage.trust;

import dev.pkinitkdc.kdc.request.ValidatedCertificate;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * Certification path building (RFC 4158) under a work budget. A depth-first search from the client certificate
 * towards a trust anchor: the issuer candidates of a certificate are the anchors, then the CA certificates among
 * the request's and the pool's, whose subject is its issuer name and whose subjectKeyIdentifier does not
 * contradict its authorityKeyIdentifier (RFC 5280 4.2.1.1, RFC 4158 3.5.12); a candidate costs one unit of the
 * budget and at most one signature check, a complete path is validated once by the JDK's PKIX validator (RFC 5280
 * 6.1) and costs one unit per certificate. A path holds a certificate at most once and at most
 * {@code maxPathLength} CAs below the anchor, self-issued ones included. When the budget is spent the search
 * stops: a client's lattice of cross-certified CAs sharing names and keys costs the KDC a bounded amount of CPU,
 * not the millions of paths it spans.
 */
final class CertificationPathBuilder {
    private final List<X509Certificate> anchors;
    private final int maxPathLength;
    private final int budget;

    /** How a search ended, with the budget it used. */
    sealed interface Outcome permits Built, NoPath, GaveUp {
        int spent();
    }

    record Built(ValidatedCertificate validated, int spent) implements Outcome {
    }

    /** Every candidate path was tried within the budget; none validated. */
    record NoPath(int spent) implements Outcome {
    }

    /** The budget ran out before a path validated. */
    record GaveUp(int spent) implements Outcome {
    }

    CertificationPathBuilder(List<X509Certificate> anchors, int maxPathLength, int budget) {
        this.anchors = List.copyOf(anchors);
        this.maxPathLength = maxPathLength;
        this.budget = budget;
    }

    Outcome build(X509Certificate cert, List<X509Certificate> candidates, Date now) {
        Search search = new Search(candidates, now);
        List<X509Certificate> path = new ArrayList<>(List.of(cert));
        try {
            Optional<ValidatedCertificate> built = search.from(path);
            return built.<Outcome>map(v -> new Built(v, search.spent)).orElseGet(() -> new NoPath(search.spent));
        } catch (BudgetSpent e) {
            return new GaveUp(search.spent);
        }
    }

    /** Thrown out of the recursion when the budget is spent; carries no stack trace. */
    private static final class BudgetSpent extends Exception {
        BudgetSpent() {
            super(null, null, false, false);
        }
    }

    private final class Search {
        private final List<X509Certificate> cas;
        private final Date now;
        private int spent;

        Search(List<X509Certificate> candidates, Date now) {
            // RFC 4158 3.5.4: certificates valid at the validation time first (a renewed CA before its expired twin)
            this.cas = candidates.stream().distinct().filter(c -> c.getBasicConstraints() >= 0 && !anchors.contains(c))
                    .sorted(Comparator.comparing(c -> !validAt(c, now))).toList();
            this.now = now;
        }

        /** A validated path extending {@code path} (client certificate first) to an anchor, if one is found. */
        Optional<ValidatedCertificate> from(List<X509Certificate> path) throws BudgetSpent {
            X509Certificate current = path.get(path.size() - 1);
            for (X509Certificate anchor : anchors) {
                if (mayIssue(anchor, current)) {
                    spend(1);
                    if (signedBy(current, anchor)) {
                        spend(path.size());
                        if (validates(path, anchor)) {
                            return Optional.of(new ValidatedCertificate(path.get(0), path, anchor));
                        }
                    }
                }
            }
            if (path.size() > maxPathLength) {
                return Optional.empty();
            }
            for (X509Certificate issuer : cas) {
                if (mayIssue(issuer, current) && !path.contains(issuer)) {
                    spend(1);
                    if (signedBy(current, issuer)) {
                        path.add(issuer);
                        Optional<ValidatedCertificate> found = from(path);
                        if (found.isPresent()) {
                            return found;
                        }
                        path.remove(path.size() - 1);
                    }
                }
            }
            return Optional.empty();
        }

        private void spend(int units) throws BudgetSpent {
            if (spent + units > budget) {
                spent = budget;
                throw new BudgetSpent();
            }
            spent += units;
        }

        /** RFC 5280 6.1: the one path, against the one anchor it ends at; revocation is the revocation stage's. */
        private boolean validates(List<X509Certificate> path, X509Certificate anchor) {
            try {
                PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
                params.setRevocationEnabled(false);
                params.setDate(now);
                CertPathValidator.getInstance("PKIX")
                        .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
                return true;
            } catch (CertPathValidatorException e) {
                return false;
            } catch (CertificateException | InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
                throw new IllegalStateException("PKIX unavailable: " + e.getMessage(), e);
            }
        }
    }

    /** The name chains and the key identifiers, where both are present, agree (RFC 5280 4.2.1.1, 4.2.1.2). */
    static boolean mayIssue(X509Certificate issuer, X509Certificate cert) {
        if (!issuer.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
            return false;
        }
        byte[] authorityKeyId = authorityKeyIdentifier(cert);
        byte[] subjectKeyId = subjectKeyIdentifier(issuer);
        return authorityKeyId == null || subjectKeyId == null || Arrays.equals(authorityKeyId, subjectKeyId);
    }

    static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean validAt(X509Certificate cert, Date time) {
        return !time.before(cert.getNotBefore()) && !time.after(cert.getNotAfter());
    }

    private static byte[] authorityKeyIdentifier(X509Certificate cert) {
        byte[] octets = extension(cert, Extension.authorityKeyIdentifier.getId());
        try {
            return octets == null ? null : AuthorityKeyIdentifier.getInstance(octets).getKeyIdentifier();
        } catch (RuntimeException e) {
            return null;   // a malformed hint is no hint; the PKIX validator judges the certificate
        }
    }

    private static byte[] subjectKeyIdentifier(X509Certificate cert) {
        byte[] octets = extension(cert, Extension.subjectKeyIdentifier.getId());
        try {
            return octets == null ? null : SubjectKeyIdentifier.getInstance(octets).getKeyIdentifier();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] extension(X509Certificate cert, String oid) {
        byte[] value = cert.getExtensionValue(oid);
        try {
            return value == null ? null : ASN1OctetString.getInstance(value).getOctets();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
