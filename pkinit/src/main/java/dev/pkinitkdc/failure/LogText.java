package dev.pkinitkdc.failure;

/**
 * Client-supplied text (a cname, realm or sname, a certificate's names, a refusal's text that quotes them) made safe
 * for one line of the diagnostic log: a newline, carriage return, other control character, ANSI escape, Unicode line
 * or paragraph separator or bidirectional override in a realm must not start a forged line or repaint the
 * operator's terminal. Each such character becomes a visible escape ({@code \n}, {@code \r}, {@code \t},
 * {@code \x1b}, {@code \\u2028} for U+2028), and a text longer than {@link #MAX_CHARS} is cut, saying how much
 * was left out.
 */
public final class LogText {
    /** Longest text quoted in full; an AS-REQ's strings are bounded by its size, a log line should be shorter. */
    public static final int MAX_CHARS = 2048;

    private LogText() {
    }

    public static String escape(CharSequence text) {
        return escape(text, MAX_CHARS);
    }

    /** As {@link #escape(CharSequence)}, cut after {@code maxChars} characters. */
    public static String escape(CharSequence text, int maxChars) {
        if (text == null) {
            return "null";
        }
        int end = Math.min(text.length(), maxChars);
        StringBuilder out = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    && i + 1 < end) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                out.append(String.format("\\x%02x", (int) c));
            } else if (invisible(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (text.length() > end) {
            out.append("...(").append(text.length() - end).append(" more chars)");
        }
        return out.toString();
    }

    /**
     * Line and paragraph separators, format characters (bidirectional overrides, zero-width characters) and lone
     * surrogates: what a terminal or a log viewer may break a line at or draw differently from what was sent.
     */
    public static boolean invisible(char c) {
        int type = Character.getType(c);
        return type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT || type == Character.SURROGATE;
    }
}
