package dev.pkinitkdc.pkinit.labpki;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds X.509 v2 CRLs (RFC 5280 5) signed by a CA with SHA-256 with RSA: the lab's CRLs and the test CRLs of
 * every module. Always carries authorityKeyIdentifier and cRLNumber (RFC 5280 5.2.1, 5.2.3).
 *
 * <pre>{@code
 * X509CRL crl = CrlBuilder.by(issuingCa).number(7).validity(now, now.plus(Duration.ofHours(1)))
 *         .revoke(serial, now.minus(Duration.ofDays(1)), CRLReason.keyCompromise)
 *         .distributionPoint("http://127.0.0.1:8080/issuing.crl").build();
 * }</pre>
 */
public final class CrlBuilder {
    private record Entry(BigInteger serial, Instant revoked, int reason, Extensions extensions) {
    }

    private final CertifiedKey issuer;
    private final List<Entry> entries = new ArrayList<>();
    private Instant thisUpdate = Instant.now();
    private Instant nextUpdate = thisUpdate.plusSeconds(3600);
    private BigInteger number = BigInteger.ONE;
    private BigInteger deltaOf;
    private String[] issuingDistributionPoint;
    private String[] freshest;
    private String signatureAlgorithm = CertificateBuilder.SIGNATURE_ALGORITHM;
    private final List<Extension> extraExtensions = new ArrayList<>();

    private CrlBuilder(CertifiedKey issuer) {
        this.issuer = issuer;
    }

    public static CrlBuilder by(CertifiedKey issuer) {
        return new CrlBuilder(issuer);
    }

    public CrlBuilder validity(Instant thisUpdateTime, Instant nextUpdateTime) {
        this.thisUpdate = thisUpdateTime;
        this.nextUpdate = nextUpdateTime;
        return this;
    }

    /** RFC 5280 5.2.3 cRLNumber. */
    public CrlBuilder number(long crlNumber) {
        this.number = BigInteger.valueOf(crlNumber);
        return this;
    }

    /** @param reason a {@link CRLReason} value, e.g. {@code CRLReason.keyCompromise}; RFC 5280 5.3.1 */
    public CrlBuilder revoke(BigInteger serial, Instant revocationDate, int reason) {
        entries.add(new Entry(serial, revocationDate, reason, null));
        return this;
    }

    /** An entry with the given crlEntryExtensions (RFC 5280 5.3), e.g. certificateIssuer for an indirect CRL. */
    public CrlBuilder revoke(BigInteger serial, Instant revocationDate, Extensions entryExtensions) {
        entries.add(new Entry(serial, revocationDate, -1, entryExtensions));
        return this;
    }

    /** Any further CRL extension (RFC 5280 5.2), e.g. an issuingDistributionPoint with onlyContainsCACerts. */
    public CrlBuilder extension(Extension extension) {
        extraExtensions.add(extension);
        return this;
    }

    /** Makes this a delta CRL (RFC 5280 5.2.4) over the complete CRL numbered {@code baseCrlNumber}. */
    public CrlBuilder deltaOf(long baseCrlNumber) {
        this.deltaOf = BigInteger.valueOf(baseCrlNumber);
        return this;
    }

    /** RFC 5280 5.2.5 issuingDistributionPoint (critical) naming the URLs this CRL is published at. */
    public CrlBuilder distributionPoint(String... urls) {
        this.issuingDistributionPoint = urls.clone();
        return this;
    }

    /** RFC 5280 5.2.6 freshestCRL: where the delta CRLs for this complete CRL are published. */
    public CrlBuilder freshestCrl(String... urls) {
        this.freshest = urls.clone();
        return this;
    }

    public CrlBuilder signatureAlgorithm(String jcaName) {
        this.signatureAlgorithm = jcaName;
        return this;
    }

    public X509CRL build() {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(
                    X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()),
                    Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (Entry e : entries) {
                if (e.extensions() != null) {
                    builder.addCRLEntry(e.serial(), Date.from(e.revoked()), e.extensions());
                } else {
                    builder.addCRLEntry(e.serial(), Date.from(e.revoked()), e.reason());
                }
            }
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuer.certificate()));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(number));
            if (deltaOf != null) {
                builder.addExtension(Extension.deltaCRLIndicator, true, new ASN1Integer(deltaOf));
            }
            if (issuingDistributionPoint != null) {
                builder.addExtension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(
                        fullName(issuingDistributionPoint), false, false, null, false, false));
            }
            if (freshest != null) {
                builder.addExtension(Extension.freshestCRL, false, distributionPoints(freshest));
            }
            for (Extension extension : extraExtensions) {
                builder.addExtension(extension);
            }
            var signer = new JcaContentSignerBuilder(signatureAlgorithm).build(issuer.privateKey());
            return new JcaX509CRLConverter().getCRL(builder.build(signer));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException("cannot build CRL of " + issuer.certificate().getSubjectX500Principal(),
                    e);
        }
    }

    /** CRLDistPoint syntax (RFC 5280 4.2.1.13), one point whose fullName lists the URLs. */
    static CRLDistPoint distributionPoints(String... urls) {
        return new CRLDistPoint(new DistributionPoint[] {new DistributionPoint(fullName(urls), null, null)});
    }

    private static DistributionPointName fullName(String... urls) {
        GeneralName[] names = new GeneralName[urls.length];
        for (int i = 0; i < urls.length; i++) {
            names[i] = new GeneralName(GeneralName.uniformResourceIdentifier, urls[i]);
        }
        return new DistributionPointName(new GeneralNames(names));
    }
}
