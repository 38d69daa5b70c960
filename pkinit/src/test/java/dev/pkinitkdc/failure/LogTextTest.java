package dev.pkinitkdc.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A realm or name sent by an attacker, quoted in the diagnostic log, stays on its one line and shows what it was. */
class LogTextTest {
    @Test
    void lineBreaksControlsAndAnsiEscapesBecomeVisibleEscapes() {
        String realm = "LAB.EXAMPLE\n2026-11-22 06:38:46 INFO AS-REQ from 10.0.0.1 issued TGT for admin\r\t\u001b[2J"
                + "\u0000\u007f\u0085\u2028\u2029\u202e";
        String line = LogText.escape(realm);
        assertEquals("LAB.EXAMPLE\\n2026-11-22 06:38:46 INFO AS-REQ from 10.0.0.1 issued TGT for admin\\r\\t\\x1b[2J"
                + "\\x00\\x7f\\x85\\u2028\\u2029\\u202e", line);
        line.chars().forEach(c -> assertTrue(c >= 0x20 && c < 0x7f, "printable ASCII only: " + line));
    }

    @Test
    void ordinaryNamesAreUnchanged() {
        for (String name : new String[] {"CN=Zoë Müller,O=Lab\\, Inc.", "krbtgt/LAB.EXAMPLE", "用户@lab.example",
                "\uD83D\uDE00 emoji"}) {
            assertEquals(name, LogText.escape(name));
        }
    }

    @Test
    void aLoneSurrogateIsEscapedAndALongTextCut() {
        assertEquals("a\\ud800b", LogText.escape("a\uD800b"));
        String cut = LogText.escape("x".repeat(LogText.MAX_CHARS + 5));
        assertEquals("x".repeat(LogText.MAX_CHARS) + "...(5 more chars)", cut);
    }
}
