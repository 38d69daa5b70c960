package dev.pkinitkdc.mapping.altsec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pkinitkdc.mapping.TestCerts;
import dev.pkinitkdc.mapping.method.MappingMethod;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AltSecurityIdentityTest {
    private static final BigInteger SERIAL = new BigInteger("2B0000000000AABBCC12", 16);
    private static final X509Certificate CERT = TestCerts.builder()
            .issuer("DC=com,DC=contoso,CN=CONTOSO-CA") // RFC 4514 text below is CN=...,DC=contoso,DC=com
            .subject("DC=com,DC=contoso,CN=Users,CN=Alice Smith,E=alice@contoso.com")
            .serial(SERIAL).ski(new byte[] {1, 2, 3, (byte) 0xAB}).email("alice@contoso.com")
            .sidExtension("S-1-5-21-1-2-3-1104").build();
    private static final CertificateIdentity ID = CertificateIdentity.of(CERT);

    private static AltSecurityIdentity parsed(String value) {
        return assertInstanceOf(AltSecurityIdentity.Valid.class, AltSecurityIdentity.parse(value), value).identity();
    }

    private static boolean matches(String value) {
        return parsed(value).matches(ID);
    }

    @Test
    void issuerSerialIsStoredWithItsBytesReversedAndInReversedDnOrder() {
        AltSecurityIdentity v = parsed("X509:<I>CN=CONTOSO-CA,DC=contoso,DC=com<SR>12CCBBAA00000000002B");
        assertEquals(MappingMethod.ALT_ISSUER_SERIAL, v.method());
        assertTrue(v.strong());
        assertTrue(v.matches(ID));
        assertTrue(matches("X509:<I>DC=com,DC=contoso,CN=CONTOSO-CA<SR>12ccbbaa00000000002b"));
        assertFalse(matches("X509:<I>DC=com,DC=contoso,CN=CONTOSO-CA<SR>2B0000000000AABBCC12"), "not reversed");
        assertFalse(matches("X509:<I>DC=com,DC=contoso,CN=OTHER-CA<SR>12CCBBAA00000000002B"));
    }

    @Test
    void formatterWritesWhatAdStoresAndParsesBack() {
        List<String> strong = AltSecurityIdentity.strongForms(CERT).stream().map(AltSecurityIdentity::adValue).toList();
        String sha1 = sha1(CERT);
        assertEquals(List.of("X509:<I>DC=com,DC=contoso,CN=CONTOSO-CA<SR>12CCBBAA00000000002B",
                "X509:<SKI>010203AB", "X509:<SHA1-PUKEY>" + sha1,
                "X509:<I>DC=com,DC=contoso,CN=CONTOSO-CA<SID>S-1-5-21-1-2-3-1104"), strong);
        List<String> weak = AltSecurityIdentity.weakForms(CERT).stream().map(AltSecurityIdentity::adValue).toList();
        assertEquals(List.of("X509:<I>DC=com,DC=contoso,CN=CONTOSO-CA<S>DC=com,DC=contoso,CN=Users,"
                        + "CN=Alice Smith,E=alice@contoso.com",
                "X509:<S>DC=com,DC=contoso,CN=Users,CN=Alice Smith,E=alice@contoso.com",
                "X509:<RFC822>alice@contoso.com"), weak);
        for (String value : strong) {
            assertTrue(matches(value), value);
        }
        for (String value : weak) {
            assertTrue(matches(value), value);
            assertFalse(parsed(value).strong(), value);
        }
    }

    @Test
    void serialWithHighBitDropsTheSignByte() {
        X509Certificate c = TestCerts.builder().serial(new BigInteger("80000001", 16)).build();
        String value = AltSecurityIdentity.strongForms(c).get(0).adValue();
        assertTrue(value.endsWith("<SR>01000080"), value);
        assertTrue(parsed(value).matches(CertificateIdentity.of(c)));
        assertTrue(parsed(value + "00").matches(CertificateIdentity.of(c)), "the sign byte, reversed, is harmless");
    }

    @Test
    void skiSha1AndRfc822() {
        assertTrue(matches("X509:<SKI>010203ab"));
        assertFalse(matches("X509:<SKI>010203AC"));
        assertTrue(matches("X509:<SHA1-PUKEY>" + sha1(CERT).toLowerCase()));
        assertFalse(matches("X509:<SHA1-PUKEY>" + "00".repeat(20)));
        assertTrue(matches("X509:<RFC822>Alice@Contoso.COM"));
        assertFalse(matches("X509:<RFC822>bob@contoso.com"));
        assertEquals(MappingMethod.ALT_SKI, parsed("x509:<ski>01").method());
        assertEquals(MappingMethod.ALT_RFC822, parsed("X509:<RFC822>a@b").method());
    }

    @Test
    void issuerSidNeedsTheSidInTheCertificate() {
        assertTrue(matches("X509:<I>CN=CONTOSO-CA,DC=contoso,DC=com<SID>s-1-5-21-1-2-3-1104"));
        assertFalse(matches("X509:<I>CN=CONTOSO-CA,DC=contoso,DC=com<SID>S-1-5-21-1-2-3-1105"));
        X509Certificate viaUri = TestCerts.builder().issuer("CN=CA").sidUri("S-1-5-21-9-9-9-500").build();
        assertTrue(parsed("X509:<I>CN=CA<SID>S-1-5-21-9-9-9-500").matches(CertificateIdentity.of(viaUri)));
        assertEquals(List.of("S-1-5-21-9-9-9-500"), CertificateIdentity.of(viaUri).sids());
    }

    @Test
    void issuerSubjectAndSubjectCompareByComponents() {
        // RFC 4514 order, aliases, case, spacing, CR/LF as separators
        assertTrue(matches("X509:<I>cn=contoso-ca, dc=CONTOSO ,dc=com<S>EMAILADDRESS=alice@contoso.com,"
                + "CN=alice   smith,CN=Users,DC=contoso,DC=com"));
        assertTrue(matches("X509:<S>DC=com\r\nDC=contoso\r\nCN=Users\r\nCN=Alice Smith\r\nE=alice@contoso.com"));
        assertTrue(matches("X509:<S>DC=com\nDC=contoso\nCN=Users\nCN=Alice Smith\nOID.1.2.840.113549.1.9.1=alice@contoso.com"));
        assertEquals(MappingMethod.ALT_SUBJECT, parsed("X509:<S>CN=x").method());
        assertFalse(matches("X509:<S>DC=com,DC=contoso,CN=Users,CN=Alice Smith"), "missing E");
        assertFalse(matches("X509:<S>DC=contoso,DC=com,CN=Users,CN=Alice Smith,E=alice@contoso.com"),
                "reordered, neither forward nor reverse");
        assertFalse(matches("X509:<I>CN=OTHER,DC=contoso,DC=com<S>DC=com,DC=contoso,CN=Users,CN=Alice Smith,"
                + "E=alice@contoso.com"));
    }

    @Test
    void dnNormalisation() {
        DistinguishedName a = DistinguishedName.parse("CN=Doe\\, John+UID=jd,O=Acme");
        assertTrue(a.matches(DistinguishedName.parse("o=ACME;uid=JD+cn=\"Doe, John\"")), "reversed, quoted, +set");
        assertTrue(a.matches(DistinguishedName.parse("CN=Doe\\2C John+0.9.2342.19200300.100.1.1=jd,O=Acme")));
        assertTrue(DistinguishedName.parse("S=Skane,ST=skane").matches(DistinguishedName.parse("ST=Skane,S=SKANE")));
        assertTrue(DistinguishedName.parse("CN=a,,O=b,").matches(DistinguishedName.parse("CN=a,O=b")));
        assertFalse(a.matches(DistinguishedName.parse("CN=Doe John+UID=jd,O=Acme")));
        assertThrows(IllegalArgumentException.class, () -> DistinguishedName.parse("XYZ=a"));
        assertThrows(IllegalArgumentException.class, () -> DistinguishedName.parse("CN=\"open"));
        assertThrows(IllegalArgumentException.class, () -> DistinguishedName.parse("just text"));
        String text = DistinguishedName.adText(TestCerts.builder().subject("CN=Doe\\, John,O=Acme").build()
                .getSubjectX500Principal());
        assertEquals("CN=\"Doe, John\",O=Acme", text); // BC keeps the string order as DER order
    }

    @Test
    void unparseableValuesAreReportedNeverThrown() {
        for (String bad : List.of("", "Kerberos:alice@LAB", "X509:", "X509:<XX>1", "X509:<I>CN=a", "X509:<SR>01",
                "X509:<I>CN=a<SR>0G", "X509:<I>CN=a<SR>123", "X509:<SHA1-PUKEY>abcd", "X509:<SKI>",
                "X509:<RFC822>nobody", "X509:<I>CN=a<SID>S-1-x", "X509:<S>NOPE=1", "X509:<S>CN=\"x")) {
            AltSecurityIdentity.Parsed p = AltSecurityIdentity.parse(bad);
            assertInstanceOf(AltSecurityIdentity.Unparseable.class, p, bad);
        }
        assertInstanceOf(AltSecurityIdentity.Unparseable.class, AltSecurityIdentity.parse(null));
    }

    private static String sha1(X509Certificate cert) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(cert.getEncoded()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
