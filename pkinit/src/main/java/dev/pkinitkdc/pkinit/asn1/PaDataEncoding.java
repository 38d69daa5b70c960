package dev.pkinitkdc.pkinit.asn1;

import dev.pkinitkdc.pkinit.asn1.KdcReqEncoding.PaDataItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kerby.kerberos.kerb.type.pa.PaDataEntry;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

/**
 * PA-DATA (RFC 4120 5.2.7) of any padata-type, including those Kerby's PaDataType lacks: PA-PK-OCSP-RESPONSE (18,
 * RFC 4557) and PA-AS-FRESHNESS (150, RFC 8070). METHOD-DATA is a SEQUENCE OF PA-DATA (RFC 4120 5.9.1).
 */
public final class PaDataEncoding {
    /** RFC 4557 3. */
    public static final int PA_PK_OCSP_RESPONSE = 18;
    /** RFC 8070 3. */
    public static final int PA_AS_FRESHNESS = 150;

    private static final int AS_REP_TAG = 11;

    private PaDataEncoding() {
    }

    /** A Kerby PA-DATA entry with a numeric padata-type, for messages Kerby encodes. */
    public static PaDataEntry entry(int type, byte[] value) {
        return new NumberedEntry(type, value);
    }

    /** METHOD-DATA (or any SEQUENCE OF PA-DATA) in DER. */
    public static byte[] encodeSequence(List<PaDataItem> items) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        for (PaDataItem item : items) {
            ASN1EncodableVector e = new ASN1EncodableVector();
            e.add(Der.tagged(1, new ASN1Integer(item.type())));
            e.add(Der.tagged(2, new DEROctetString(item.value())));
            v.add(new DERSequence(e));
        }
        return Der.encode(new DERSequence(v));
    }

    public static List<PaDataItem> decodeSequence(byte[] der) {
        return items(Der.sequence(der));
    }

    /** The padata [2] of an AS-REP (RFC 4120 5.4.2), empty when absent. */
    public static List<PaDataItem> asRepPaData(byte[] asRep) {
        ASN1Primitive p = Der.parse(asRep);
        if (!(p instanceof ASN1TaggedObject app) || app.getTagClass() != BERTags.APPLICATION
                || app.getTagNo() != AS_REP_TAG) {
            throw new IllegalArgumentException("not an AS-REP");
        }
        Map<Integer, ASN1TaggedObject> f = Der.fields(Der.sequence(app.getBaseObject()));
        ASN1Primitive padata = Der.explicit(f, 2);
        return padata == null ? List.of() : items(Der.sequence(padata));
    }

    private static List<PaDataItem> items(ASN1Sequence seq) {
        List<PaDataItem> out = new ArrayList<>();
        for (var e : seq) {
            var f = Der.fields(Der.sequence(e));
            out.add(new PaDataItem(Der.integer(Der.required(f, 1)).intValueExact(), Der.octets(Der.required(f, 2))));
        }
        return out;
    }

    private static final class NumberedEntry extends PaDataEntry {
        NumberedEntry(int type, byte[] value) {
            setFieldAsInt(PaDataEntryField.PADATA_TYPE, type);
            setPaDataValue(value);
        }
    }
}
