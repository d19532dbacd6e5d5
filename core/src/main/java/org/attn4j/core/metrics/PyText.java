package org.attn4j.core.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few string operations whose exact behaviour sacreBLEU inherits from Python's {@code str}:
 * which characters are whitespace, {@code split()} without arguments, {@code rstrip()} and
 * {@code lower()}. They differ from Java's defaults (Python counts U+00A0, U+0085, U+2007 and
 * U+202F as whitespace, {@link Character#isWhitespace} does not), and every token boundary in
 * BLEU and chrF depends on them. Public because the command line needs the same definition
 * of whitespace when it strips input lines as sacreBLEU's does. Stateless.
 */
public final class PyText {
    private PyText() {
    }

    /**
     * Whether a code point is whitespace for Python's {@code str.isspace()}: the 29 code points
     * of Unicode's White_Space-like set that CPython uses (bidirectional class WS, B or S, or
     * general category Zs). The set has been stable since Unicode 6.3.
     */
    public static boolean isSpace(int cp) {
        if (cp <= 0x20) {
            return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x1F);
        }
        if (cp < 0x85) {
            return false;
        }
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    /** Python's {@code s.split()}: the maximal runs of non-whitespace code points, in order. */
    public static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int i = 0;
        while (i < n) {
            int cp = s.codePointAt(i);
            if (isSpace(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            while (i < n) {
                cp = s.codePointAt(i);
                if (isSpace(cp)) {
                    break;
                }
                i += Character.charCount(cp);
            }
            out.add(s.substring(start, i));
        }
        return out;
    }

    /** Python's {@code s.rstrip()}: {@code s} without its trailing whitespace. */
    public static String rstrip(String s) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    /** Python's {@code ' '.join(s.split())}: runs of whitespace collapsed, ends trimmed. */
    static String squeeze(String s) {
        return String.join(" ", split(s));
    }

    /** The code points of {@code s} with every whitespace code point removed. */
    static int[] nonSpaceCodePoints(String s) {
        return s.codePoints().filter(cp -> !isSpace(cp)).toArray();
    }

    /**
     * Python's {@code s.lower()}. Java's locale-independent lower-casing applies the same
     * Unicode mappings, including the context-sensitive final sigma and U+0130 becoming two
     * code points; the two differ only on characters added after Java's Unicode version.
     */
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
