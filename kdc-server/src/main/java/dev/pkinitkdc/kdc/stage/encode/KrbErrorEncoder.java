package dev.pkinitkdc.kdc.stage.encode;

import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.kdc.request.DecodedAsReq;
import dev.pkinitkdc.kdc.stage.issue.KrbtgtKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.kerby.kerberos.kerb.KrbCodec;
import org.apache.kerby.kerberos.kerb.KrbException;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERGeneralString;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

/**
 * KRB-ERROR (RFC 4120 5.9.1), written with Bouncy Castle's DER because Kerby's error-code enum lacks codes
 * this KDC sends (e.g. KDC_ERR_PREAUTH_EXPIRED 90).
 */
public final class KrbErrorEncoder {
    private static final int KRB_ERROR = 30;
    private static final DateTimeFormatter KERBEROS_TIME =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String realm;
    private final boolean verboseEText;

    /** A KDC's encoder: the client is told {@link KdcFailure#eText()}, never the full reason. */
    public KrbErrorEncoder(String realm) {
        this(realm, false);
    }

    /**
     * @param verboseEText {@code [kdc] verbose_e_text} (lab only): the client is told the full reason,
     *        {@link KdcFailure#text()}, other accounts' names and the directory's DNs included
     */
    public KrbErrorEncoder(String realm, boolean verboseEText) {
        this.realm = realm;
        this.verboseEText = verboseEText;
    }

    /** The e-text this encoder sends for {@code failure} (RFC 4120 5.9.1). */
    public String eText(KdcFailure failure) {
        return verboseEText ? failure.text() : failure.eText();
    }

    /** @param request the decoded request when decoding got that far, else null */
    public byte[] encode(KdcFailure failure, DecodedAsReq request, Instant now) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(field(0, new ASN1Integer(5)));
        v.add(field(1, new ASN1Integer(KRB_ERROR)));
        v.add(field(4, new DERGeneralizedTime(KERBEROS_TIME.format(now))));
        v.add(field(5, new ASN1Integer(now.getNano() / 1000)));
        v.add(field(6, new ASN1Integer(KrbErrorCodes.codeFor(failure.reason()))));
        if (request != null) {
            v.add(field(7, new DERGeneralString(request.realm())));
            v.add(field(8, principal(request.cname())));
        }
        v.add(field(9, new DERGeneralString(realm)));
        v.add(field(10, principal(KrbtgtKeys.principalFor(realm))));
        v.add(field(11, new DERGeneralString(eText(failure))));
        byte[] eData = failure.eData();
        if (eData != null) {
            v.add(field(12, new DEROctetString(eData)));
        }
        try {
            return new DERTaggedObject(true, BERTags.APPLICATION, KRB_ERROR, new DERSequence(v)).getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DERTaggedObject field(int tag, org.bouncycastle.asn1.ASN1Encodable value) {
        return new DERTaggedObject(true, tag, value);
    }

    private static ASN1Primitive principal(PrincipalName name) {
        try {
            return ASN1Primitive.fromByteArray(KrbCodec.encode(name));
        } catch (KrbException | IOException e) {
            throw new IllegalStateException("principal name does not encode", e);
        }
    }

}
