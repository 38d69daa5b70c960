package dev.pkinitkdc.mapping.altsec;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * The account SIDs a certificate carries (KB5014754, MS-WCCE 2.2.2.7.7.4): the SID security extension
 * 1.3.6.1.4.1.311.25.2 (GeneralNames holding an otherName 1.3.6.1.4.1.311.25.2.1 whose value is an OCTET STRING
 * with the ASCII SID), and SAN URIs {@code tag:microsoft.com,2022-09-14:sid:<SID>}. Malformed values are ignored.
 */
public final class CertificateSids {
    public static final String SID_EXTENSION = "1.3.6.1.4.1.311.25.2";
    public static final ASN1ObjectIdentifier SID_OTHER_NAME = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.25.2.1");
    public static final String SID_URI_PREFIX = "tag:microsoft.com,2022-09-14:sid:";

    private CertificateSids() {
    }

    /**
     * The SID security extension AD CS writes since KB5014754 (MS-WCCE 2.2.2.7.7.4): GeneralNames holding one
     * otherName 1.3.6.1.4.1.311.25.2.1 whose value is the SID as ASCII in an OCTET STRING.
     */
    public static org.bouncycastle.asn1.x509.Extension extension(String sid) {
        try {
            GeneralNames names = new GeneralNames(new GeneralName(GeneralName.otherName, new OtherName(SID_OTHER_NAME,
                    new org.bouncycastle.asn1.DEROctetString(sid.getBytes(StandardCharsets.US_ASCII)))));
            return new org.bouncycastle.asn1.x509.Extension(new ASN1ObjectIdentifier(SID_EXTENSION), false,
                    names.getEncoded());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Distinct SIDs, upper-cased ({@code S-1-5-21-...}), extension first, then SAN URIs. */
    public static List<String> of(X509Certificate cert) {
        Set<String> sids = new LinkedHashSet<>(fromExtension(cert));
        for (String uri : CertificateNames.uris(cert)) {
            if (uri.toLowerCase(Locale.ROOT).startsWith(SID_URI_PREFIX)) {
                sids.add(uri.substring(SID_URI_PREFIX.length()).trim().toUpperCase(Locale.ROOT));
            }
        }
        return List.copyOf(sids);
    }

    private static List<String> fromExtension(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(SID_EXTENSION);
        List<String> out = new ArrayList<>();
        if (ext == null) {
            return out;
        }
        try {
            ASN1Primitive value = ASN1Primitive.fromByteArray(ASN1OctetString.getInstance(ext).getOctets());
            for (GeneralName name : GeneralNames.getInstance(value).getNames()) {
                if (name.getTagNo() == GeneralName.otherName) {
                    OtherName other = OtherName.getInstance(name.getName());
                    if (other.getTypeID().equals(SID_OTHER_NAME)) {
                        out.add(sidText(other).toUpperCase(Locale.ROOT));
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not the MS-WCCE structure: no SID from the extension
        }
        return out;
    }

    private static String sidText(OtherName other) {
        Object v = other.getValue();
        if (v instanceof ASN1TaggedObject tagged) { // tolerate an extra explicit tag
            v = tagged.getExplicitBaseObject();
        }
        return new String(ASN1OctetString.getInstance(v).getOctets(), StandardCharsets.US_ASCII).trim();
    }
}
