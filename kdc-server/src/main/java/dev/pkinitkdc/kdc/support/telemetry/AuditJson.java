package dev.pkinitkdc.kdc.support.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.pkinitkdc.failure.LogText;
import dev.pkinitkdc.kdc.request.AuditFields;
import dev.pkinitkdc.kdc.request.AuditRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One {@link AuditRecord} as one line of JSON, its fields as {@link AuditFields} names them (no line breaks inside:
 * strings are escaped). Beyond JSON's own
 * escapes (RFC 8259 7: the C0 controls), DEL, the C1 controls (NEL), the Unicode line and paragraph separators and
 * the format characters (bidirectional overrides) are written as JSON escapes (backslash, u, four hex digits),
 * so a client's realm or name cannot end the line for a reader that splits lines more widely than at LF, nor
 * repaint a terminal.
 */
public final class AuditJson {
    private static final JsonFactory JSON = new JsonFactory().setCharacterEscapes(new LineSafeEscapes());

    /** Jackson's standard escapes plus those of {@link LogText#invisible} and DEL..U+009F. */
    private static final class LineSafeEscapes extends CharacterEscapes {
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        LineSafeEscapes() {
            ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch <= 0x9f || LogText.invisible((char) ch)
                    ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    private AuditJson() {
    }

    public static String line(AuditRecord record) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            write(json, AuditFields.of(record));
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                json.writeFieldName(String.valueOf(e.getKey()));
                write(json, e.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                write(json, element);
            }
            json.writeEndArray();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Number n) {
            json.writeNumber(n.doubleValue());
        } else if (value == null) {
            json.writeNull();
        } else {
            json.writeString(String.valueOf(value));
        }
    }
}
