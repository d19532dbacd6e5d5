package org.attn4j.core.metrics;

import java.util.regex.Pattern;

/**
 * The international tokenization of NIST's mteval-v14 script, sacreBLEU's {@code intl}
 * tokenizer: split off Unicode punctuation (general category P) unless it stands between
 * digits, split off every Unicode symbol (category S), collapse whitespace. In detail, three
 * left-to-right substitutions:
 * <ol>
 *   <li>a non-number (not category N) followed by punctuation: a space after the punctuation
 *       and one before it;</li>
 *   <li>punctuation followed by a non-number: a space before the punctuation and after it;</li>
 *   <li>every symbol: a space on each side.</li>
 * </ol>
 * Unlike {@code 13a} the line is not padded, so a number followed by a period at the very end
 * of a line keeps its period (as in the original script). Character categories come from the
 * JDK's Unicode tables (Unicode 13 in Java 17); characters assigned after that version are
 * treated as unassigned.
 */
final class MtevalIntl {
    private static final Pattern NON_NUMBER_THEN_PUNCT = Pattern.compile("(\\P{N})(\\p{P})");
    private static final Pattern PUNCT_THEN_NON_NUMBER = Pattern.compile("(\\p{P})(\\P{N})");
    private static final Pattern SYMBOL = Pattern.compile("(\\p{S})");

    private MtevalIntl() {
    }

    static String tokenize(String line) {
        String s = NON_NUMBER_THEN_PUNCT.matcher(line).replaceAll("$1 $2 ");
        s = PUNCT_THEN_NON_NUMBER.matcher(s).replaceAll(" $1 $2");
        s = SYMBOL.matcher(s).replaceAll(" $1 ");
        return PyText.squeeze(s);
    }
}
