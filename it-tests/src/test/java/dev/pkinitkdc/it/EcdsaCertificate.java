package dev.pkinitkdc.it;

import dev.pkinitkdc.kdc.tool.labpki.LabOids;
import dev.pkinitkdc.kdc.tool.labpki.PemFileWriter;
import dev.pkinitkdc.mapping.altsec.CertificateSids;
import dev.pkinitkdc.pkinit.cert.KeyPairs;
import dev.pkinitkdc.pkinit.cert.SubjectAltNames;
import dev.pkinitkdc.pkinit.kx.EcCurve;
import dev.pkinitkdc.pkinit.labpki.CertificateBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * An ECDSA certificate for the lab user alice, issued by the lab issuing CA with what a strong logon needs (UPN,
 * SID extension, Smart Card Logon EKU), written as PEM files.
 */
record EcdsaCertificate(Path certificate, Path key) {

    static EcdsaCertificate alice(LabKdc kdc, EcCurve curve, Path dir) throws Exception {
        String sid = Files.readAllLines(kdc.lab.layout().directoryLdif()).stream()
                .filter(l -> l.startsWith("objectSid: ")).findFirst().orElseThrow()
                .substring("objectSid: ".length()).trim() + "-1100";
        var issued = kdc.lab.issue(CertificateBuilder.withKey("CN=alice", KeyPairs.ec(curve))
                .subjectAltNames(SubjectAltNames.upnName("alice@lab.example"))
                .extension(CertificateSids.extension(sid))
                .keyUsage(KeyUsage.digitalSignature)
                .extendedKeyUsages(LabOids.MS_SMART_CARD_LOGON));
        EcdsaCertificate files = new EcdsaCertificate(dir.resolve("alice-" + curve.describe() + ".pem"),
                dir.resolve("alice-" + curve.describe() + ".key"));
        PemFileWriter.writeCertifiedKey(files.certificate(), files.key(), issued);
        return files;
    }

    /** The MIT X509_user_identity value. */
    String identity() {
        return "FILE:" + certificate + "," + key;
    }
}
