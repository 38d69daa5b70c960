package dev.pkinitkdc.it;

import dev.pkinitkdc.kdc.tool.labpki.PemFileWriter;
import dev.pkinitkdc.mapping.altsec.CertificateSids;
import dev.pkinitkdc.pkinit.cert.CertifiedKey;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.x509.KeyUsage;

/** Certificates tests issue for the lab's accounts, and the kinit identities that present them. */
final class LabCertificates {
    /** alice's relative identifier in the lab domain (LabAccount). */
    private static final int ALICE_RID = 1100;

    private LabCertificates() {
    }

    /** The lab domain's SID, as the lab LDIF gives it. */
    static String domainSid(LabKdc kdc) throws Exception {
        return Files.readAllLines(kdc.lab.layout().directoryLdif()).stream()
                .filter(l -> l.startsWith("objectSid: ")).findFirst().orElseThrow()
                .substring("objectSid: ".length()).trim();
    }

    static String aliceSid(LabKdc kdc) throws Exception {
        return domainSid(kdc) + "-" + ALICE_RID;
    }

    /** A certificate that names alice by UPN and carries her SID: strongly mapped, so only the rule under test decides. */
    static CertificateBuilder alice(String sid) {
        return CertificateBuilder.withNewKey("CN=alice")
                .subjectAltNames(SubjectAltNames.upnName("alice@lab.example"))
                .extension(CertificateSids.extension(sid))
                .keyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
    }

    /** Writes DIR/NAME.pem and NAME.key; returns MIT kinit's {@code FILE:cert,key} identity. */
    static String identity(Path dir, String name, CertifiedKey key) throws Exception {
        Path cert = dir.resolve(name + ".pem");
        Path pk = dir.resolve(name + ".key");
        PemFileWriter.writeCertifiedKey(cert, pk, key);
        return "FILE:" + cert + "," + pk;
    }
}
