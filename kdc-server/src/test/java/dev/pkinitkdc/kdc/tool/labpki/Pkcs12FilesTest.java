package dev.pkinitkdc.kdc.tool.labpki;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.PemFiles;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedData;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.pkcs.PKCS12PfxPdu;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12FilesTest {
    @TempDir
    Path dir;

    @Test
    void theJdkReadsTheKeyAndChainBackWithTheEmptyPassword() throws Exception {
        CertifiedKey ca = CertificateBuilder.withNewKey("CN=Test CA").ca(null).selfSigned();
        CertifiedKey user = CertificateBuilder.withNewKey("CN=user").issuedBy(ca);
        Path file = dir.resolve("user.p12");
        Pkcs12Files.write(file, user, List.of(ca.certificate()));

        PemFiles.KeyAndChain read = PemFiles.pkcs12(file, new char[0]);
        assertArrayEquals(user.privateKey().getEncoded(), read.key().getEncoded());
        assertEquals(List.of(user.certificate(), ca.certificate()), read.chain());
    }

    @Test
    void aPasswordProtectedFileIsReadWithItsPasswordOnly() throws Exception {
        CertifiedKey ca = CertificateBuilder.withNewKey("CN=Test CA").ca(null).selfSigned();
        CertifiedKey kdc = CertificateBuilder.withNewKey("CN=kdc").issuedBy(ca);
        Path file = dir.resolve("kdc.p12");
        Pkcs12Files.write(file, kdc, List.of(ca.certificate()), "s3cret".toCharArray());

        PemFiles.KeyAndChain read = PemFiles.pkcs12(file, "s3cret".toCharArray());
        assertArrayEquals(kdc.privateKey().getEncoded(), read.key().getEncoded());
        assertEquals(List.of(kdc.certificate(), ca.certificate()), read.chain());
        assertThrows(java.io.IOException.class, () -> PemFiles.pkcs12(file, "wrong".toCharArray()));
    }

    /** What Heimdal's hx509 needs: DER, and the RFC 7292 appendix C 3DES scheme, not PBES2. */
    @Test
    void theFileIsDerWithTripleDesBags() throws Exception {
        CertifiedKey user = CertificateBuilder.withNewKey("CN=user").ca(null).selfSigned();
        Path file = dir.resolve("user.p12");
        Pkcs12Files.write(file, user, List.of());

        byte[] bytes = Files.readAllBytes(file);
        PKCS12PfxPdu pfx = new PKCS12PfxPdu(bytes);
        assertArrayEquals(bytes, pfx.toASN1Structure().getEncoded(ASN1Encoding.DER));
        ContentInfo certificates = pfx.getContentInfos()[0];
        assertEquals(PKCSObjectIdentifiers.encryptedData, certificates.getContentType());
        assertEquals(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
                EncryptedData.getInstance(certificates.getContent()).getEncryptionAlgorithm().getAlgorithm());
    }
}
