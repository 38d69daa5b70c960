package dev.pkinitkdc.pkinit.asn1;

import java.util.OptionalInt;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;

/**
 * Reads the error-code [6] of a KRB-ERROR (RFC 4120 5.9.1) as the number on the wire: Kerby's KrbErrorCode enum
 * lacks codes such as KDC_ERR_PREAUTH_EXPIRED (90, RFC 8070) and reads them as another code.
 */
public final class KrbErrorEncoding {
    private static final int KRB_ERROR_TAG = 30;

    private KrbErrorEncoding() {
    }

    /** The error-code, or empty when {@code message} is not a KRB-ERROR. */
    public static OptionalInt errorCode(byte[] message) {
        try {
            ASN1Primitive p = Der.parse(message);
            if (!(p instanceof ASN1TaggedObject app) || app.getTagClass() != BERTags.APPLICATION
                    || app.getTagNo() != KRB_ERROR_TAG) {
                return OptionalInt.empty();
            }
            return OptionalInt.of(Der.integer(Der.required(Der.fields(Der.sequence(app.getBaseObject())), 6))
                    .intValueExact());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return OptionalInt.empty();
        }
    }
}
