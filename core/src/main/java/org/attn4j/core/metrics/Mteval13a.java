package org.attn4j.core.metrics;

import java.util.regex.Pattern;

/**
 * The tokenization of NIST's mteval-v13a script, as sacreBLEU's default {@code 13a} tokenizer
 * applies it to one line: drop {@code <skipped>}, join lines broken after a hyphen, unescape
 * four XML entities, pad the line with a space on each side, then
 * <ol>
 *   <li>split off every ASCII symbol except the apostrophe, comma, hyphen and period
 *       (U+0020-0026, U+0028-002B, U+002F, U+003A-0040, U+005B-0060, U+007B-007E);</li>
 *   <li>split off a period or comma that follows a non-digit;</li>
 *   <li>split off a period or comma that precedes a non-digit;</li>
 *   <li>split off a hyphen that follows a digit;</li>
 * </ol>
 * and finally collapse whitespace (Python's definition) to single spaces. Steps 2 to 4 are
 * left-to-right, non-overlapping substitutions, exactly as a regular-expression "replace all"
 * performs them, so {@code "a..b"} and {@code "1.5."} tokenize as the Perl script does.
 */
final class Mteval13a {
    private static final Pattern PERIOD_COMMA_AFTER_NON_DIGIT = Pattern.compile("([^0-9])([.,])");
    private static final Pattern PERIOD_COMMA_BEFORE_NON_DIGIT = Pattern.compile("([.,])([^0-9])");
    private static final Pattern HYPHEN_AFTER_DIGIT = Pattern.compile("([0-9])(-)");

    private Mteval13a() {
    }

    static String tokenize(String line) {
        String s = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ");
        if (s.indexOf('&') >= 0) {
            // Order matters and follows the script: "&amp;lt;" becomes "<".
            s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
        }
        s = splitSymbols(" " + s + " ");
        s = PERIOD_COMMA_AFTER_NON_DIGIT.matcher(s).replaceAll("$1 $2 ");
        s = PERIOD_COMMA_BEFORE_NON_DIGIT.matcher(s).replaceAll(" $1 $2");
        s = HYPHEN_AFTER_DIGIT.matcher(s).replaceAll("$1 $2 ");
        return PyText.squeeze(s);
    }

    /** Step 1: surrounds each symbol of the fixed ASCII set with spaces. */
    private static String splitSymbols(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSplitSymbol(c)) {
                out.append(' ').append(c).append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isSplitSymbol(char c) {
        return (c >= 0x20 && c <= 0x26) || (c >= 0x28 && c <= 0x2B) || c == 0x2F
                || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
    }
}
