package dev.pkinitkdc.pkinit.cert;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERGeneralString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;

/**
 * Reads and builds the two otherName SAN forms a logon certificate names its user with: the Microsoft UPN
 * (1.3.6.1.4.1.311.20.2.3, UTF8String) and id-pkinit-san (1.3.6.1.5.2.2, KRB5PrincipalName, RFC 4556 3.2.2).
 */
public final class SubjectAltNames {
    public static final ASN1ObjectIdentifier MS_UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");
    public static final ASN1ObjectIdentifier ID_PKINIT_SAN = new ASN1ObjectIdentifier("1.3.6.1.5.2.2");

    private SubjectAltNames() {
    }

    /** Every Microsoft UPN otherName in the certificate's SAN, in certificate order. */
    public static List<String> upns(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        for (OtherName on : otherNames(cert, MS_UPN)) {
            if (on.getValue() instanceof ASN1String s) {
                out.add(s.getString());
            }
        }
        return out;
    }

    /** Every id-pkinit-san in the certificate's SAN; malformed values are skipped. */
    public static List<KerberosPrincipalName> kerberosPrincipals(X509Certificate cert) {
        List<KerberosPrincipalName> out = new ArrayList<>();
        for (OtherName on : otherNames(cert, ID_PKINIT_SAN)) {
            try {
                out.add(decodeKrb5PrincipalName(ASN1Sequence.getInstance(on.getValue())));
            } catch (RuntimeException e) {
                // not a KRB5PrincipalName: ignored, as MIT's pkinit_get_certificate_sans does
            }
        }
        return out;
    }

    /** Every dNSName in the certificate's SAN. */
    public static List<String> dnsNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        for (GeneralName gn : generalNames(cert)) {
            if (gn.getTagNo() == GeneralName.dNSName) {
                out.add(((ASN1String) gn.getName()).getString());
            }
        }
        return out;
    }

    public static GeneralName upnName(String upn) {
        return new GeneralName(GeneralName.otherName, new OtherName(MS_UPN, new DERUTF8String(upn)));
    }

    public static GeneralName kerberosName(KerberosPrincipalName name) {
        return new GeneralName(GeneralName.otherName,
                new OtherName(ID_PKINIT_SAN, encodeKrb5PrincipalName(name)));
    }

    /** KRB5PrincipalName ::= SEQUENCE { realm [0] Realm, principalName [1] PrincipalName } */
    public static DERSequence encodeKrb5PrincipalName(KerberosPrincipalName name) {
        ASN1EncodableVector strings = new ASN1EncodableVector();
        name.components().forEach(c -> strings.add(new DERGeneralString(c)));
        DERSequence principal = new DERSequence(new ASN1EncodableVector() {{
            add(new DERTaggedObject(true, 0, new ASN1Integer(name.nameType())));
            add(new DERTaggedObject(true, 1, new DERSequence(strings)));
        }});
        return new DERSequence(new ASN1EncodableVector() {{
            add(new DERTaggedObject(true, 0, new DERGeneralString(name.realm())));
            add(new DERTaggedObject(true, 1, principal));
        }});
    }

    public static KerberosPrincipalName decodeKrb5PrincipalName(ASN1Sequence seq) {
        String realm = ((ASN1String) ASN1TaggedObject.getInstance(seq.getObjectAt(0)).getExplicitBaseObject())
                .getString();
        ASN1Sequence principal = ASN1Sequence.getInstance(
                ASN1TaggedObject.getInstance(seq.getObjectAt(1)).getExplicitBaseObject());
        int nameType = ASN1Integer.getInstance(
                ASN1TaggedObject.getInstance(principal.getObjectAt(0)).getExplicitBaseObject()).intValueExact();
        ASN1Sequence strings = ASN1Sequence.getInstance(
                ASN1TaggedObject.getInstance(principal.getObjectAt(1)).getExplicitBaseObject());
        List<String> components = new ArrayList<>();
        strings.forEach(s -> components.add(((ASN1String) s).getString()));
        return new KerberosPrincipalName(realm, nameType, components);
    }

    private static List<OtherName> otherNames(X509Certificate cert, ASN1ObjectIdentifier type) {
        List<OtherName> out = new ArrayList<>();
        for (GeneralName gn : generalNames(cert)) {
            if (gn.getTagNo() == GeneralName.otherName) {
                OtherName on = OtherName.getInstance(gn.getName());
                if (on.getTypeID().equals(type)) {
                    out.add(on);
                }
            }
        }
        return out;
    }

    /** The subjectAltName extension alone (RFC 5280 4.2.1.6), parsed without re-parsing the whole certificate. */
    private static GeneralName[] generalNames(X509Certificate cert) {
        byte[] extension = cert.getExtensionValue(Extension.subjectAlternativeName.getId());
        if (extension == null) {
            return new GeneralName[0];
        }
        try {
            return GeneralNames.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getNames();
        } catch (IllegalArgumentException e) {
            return new GeneralName[0];
        }
    }
}
