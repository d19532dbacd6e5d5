package org.attn4j.tokenizers.internal;

import java.text.Normalizer;
import org.attn4j.tokenizers.TextNormalizer;

/**
 * The character rules of BERT's basic tokenizer (Devlin et al. 2019, and Hugging Face's
 * {@code BasicTokenizer}), on code points: which characters its text cleanup drops, which are
 * spaces, punctuation and CJK ideographs, and accent stripping. Stateless.
 */
public final class BertText {
    private BertText() {
    }

    /**
     * BERT's cleanup: NUL, U+FFFD and every character of a Unicode category C (control, format,
     * unassigned, private use, surrogate) other than tab, line feed and carriage return are
     * dropped; tab, line feed, carriage return and every category Zs space become U+0020.
     */
    public static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                continue;
            }
            out.appendCodePoint(isBertSpace(cp) ? ' ' : cp);
        }
        return out.toString();
    }

    /** BERT's {@code _is_control}: a category C character other than tab, line feed, carriage return. */
    static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.UNASSIGNED, Character.PRIVATE_USE,
                 Character.SURROGATE -> true;
            default -> false;
        };
    }

    /** BERT's {@code _is_whitespace}: space, tab, line feed, carriage return or category Zs. */
    static boolean isBertSpace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    /**
     * BERT's {@code _is_punctuation}: every non-letter, non-digit ASCII printable character
     * ({@code ^ $ `} and the like, which Unicode does not class as punctuation) and every
     * character of a category P.
     */
    public static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    /**
     * BERT's {@code _is_chinese_char}: the CJK Unified Ideographs blocks (and their extensions
     * A to E) and the CJK Compatibility Ideographs; not Hiragana, Katakana or Hangul, which are
     * written with spaces or split into words otherwise.
     */
    public static boolean isCjkIdeograph(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F)
                || (cp >= 0x2B820 && cp <= 0x2CEAF) || (cp >= 0xF900 && cp <= 0xFAFF)
                || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    /** Accent stripping: canonical decomposition (NFD), then every non-spacing mark (Mn) removed. */
    public static String stripAccents(String text) {
        String d = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = null;
        for (int i = 0; i < d.length();) {
            int cp = d.codePointAt(i);
            int n = Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                if (out == null) {
                    out = new StringBuilder(d.length()).append(d, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += n;
        }
        return out == null ? d : out.toString();
    }

    /** Every space of {@link TextNormalizer#isSpace} as one U+0020 between words, none at the ends. */
    public static String collapseSpaces(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean pending = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (TextNormalizer.isSpace(c)) {
                pending = out.length() > 0;
            } else {
                if (pending) {
                    out.append(' ');
                    pending = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
