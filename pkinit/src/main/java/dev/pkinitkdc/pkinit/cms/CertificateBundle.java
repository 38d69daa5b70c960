package dev.pkinitkdc.pkinit.cms;

import dev.pkinitkdc.pkinit.asn1.TlvScan.Header;
import dev.pkinitkdc.pkinit.asn1.TlvScan;
import java.util.List;

/**
 * The {@code certificates [0] IMPLICIT CertificateSet} of a SignedData (RFC 5652 5.1), measured from the TLV headers
 * alone: how many certificates and how many bytes, before anything parses one of them.
 *
 * @param count elements of the CertificateSet
 * @param bytes their encoded size together
 */
public record CertificateBundle(int count, long bytes) {
    private static final int OBJECT_IDENTIFIER = 6;
    private static final int SEQUENCE = 0x10;

    /** For a ContentInfo holding SignedData, or a bare SignedData (PKU2U), that {@link TlvScan#check} accepted. */
    public static CertificateBundle of(byte[] contentInfoOrSignedData) {
        Header top = TlvScan.top(contentInfoOrSignedData);
        List<Header> fields = TlvScan.children(contentInfoOrSignedData, top);
        Header signedData = top;
        if (!fields.isEmpty() && fields.get(0).tag() == OBJECT_IDENTIFIER) {
            // ContentInfo { contentType, content [0] EXPLICIT SignedData }
            if (fields.size() < 2 || fields.get(1).tag() != TlvScan.CONTEXT) {
                return new CertificateBundle(0, 0);
            }
            List<Header> content = TlvScan.children(contentInfoOrSignedData, fields.get(1));
            if (content.isEmpty() || content.get(0).tag() != SEQUENCE) {
                return new CertificateBundle(0, 0);
            }
            signedData = content.get(0);
        }
        // SignedData { version, digestAlgorithms, encapContentInfo, certificates [0] OPTIONAL, crls [1], signerInfos }
        for (Header field : TlvScan.children(contentInfoOrSignedData, signedData)) {
            if (field.tag() == TlvScan.CONTEXT && field.constructed()) {
                long bytes = 0;
                List<Header> certificates = TlvScan.children(contentInfoOrSignedData, field);
                for (Header c : certificates) {
                    bytes += TlvScan.end(contentInfoOrSignedData, c) - c.start();
                }
                return new CertificateBundle(certificates.size(), bytes);
            }
        }
        return new CertificateBundle(0, 0);
    }
}
