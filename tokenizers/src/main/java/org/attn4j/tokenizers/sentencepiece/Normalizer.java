package org.attn4j.tokenizers.sentencepiece;

import java.nio.charset.StandardCharsets;

/**
 * SentencePiece's normaliser, byte for byte: the precompiled character map (longest rule
 * first; none for {@code identity}), user-defined symbols passed through untouched, then the
 * whitespace handling of the normaliser spec: leading, trailing and repeated spaces removed
 * ({@code remove_extra_whitespaces}), a space added in front ({@code add_dummy_prefix}, or
 * at the end when the model treats whitespace as a suffix), and every space written as
 * {@code ▁} U+2581 ({@code escape_whitespaces}). Immutable and thread-safe.
 */
final class Normalizer {
    static final byte[] SPACE_SYMBOL = "\u2581".getBytes(StandardCharsets.UTF_8);
    private static final byte SPACE = ' ';
    private static final byte[] ONE_SPACE = {SPACE};

    private final CharsMap charsMap;
    private final ByteTrie userDefined;
    private final boolean addDummyPrefix;
    private final boolean removeExtraWhitespaces;
    private final boolean escapeWhitespaces;
    private final boolean whitespaceAsSuffix;

    Normalizer(ModelFile model, ByteTrie userDefined) {
        this.charsMap = model.precompiledCharsmap.length == 0 ? null : CharsMap.parse(model.precompiledCharsmap, model.file);
        this.userDefined = userDefined;
        this.addDummyPrefix = model.addDummyPrefix;
        this.removeExtraWhitespaces = model.removeExtraWhitespaces;
        this.escapeWhitespaces = model.escapeWhitespaces;
        this.whitespaceAsSuffix = model.treatWhitespaceAsSuffix;
    }

    /** The normalised UTF-8 bytes of {@code input} (UTF-8 too). */
    byte[] normalize(byte[] input) {
        CharsMap.Lookup lookup = charsMap == null ? null : charsMap.lookup();
        Prefix p = new Prefix();
        int pos = 0;
        int end = input.length;
        if (removeExtraWhitespaces) {
            while (pos < end) {
                prefix(input, pos, end, lookup, p);
                if (!p.isExactly(ONE_SPACE)) {
                    break;
                }
                pos += p.consumed;
            }
        }
        if (pos == end) {
            return new byte[0];
        }
        ByteString out = new ByteString(end - pos + 8);
        if (!whitespaceAsSuffix && addDummyPrefix) {
            appendSpace(out);
        }
        boolean previousSpace = removeExtraWhitespaces;
        while (pos < end) {
            prefix(input, pos, end, lookup, p);
            int from = p.from;
            if (previousSpace) {
                while (from < p.to && p.source[from] == SPACE) {
                    from++;
                }
            }
            if (from < p.to) {
                for (int i = from; i < p.to; i++) {
                    if (escapeWhitespaces && p.source[i] == SPACE) {
                        out.append(SPACE_SYMBOL, 0, SPACE_SYMBOL.length);
                    } else {
                        out.append(p.source[i]);
                    }
                }
                previousSpace = p.source[p.to - 1] == SPACE;
            }
            pos += p.consumed;
            if (!removeExtraWhitespaces) {
                previousSpace = false;
            }
        }
        if (removeExtraWhitespaces) {
            byte[] space = escapeWhitespaces ? SPACE_SYMBOL : ONE_SPACE;
            while (out.endsWith(space)) {
                out.truncate(out.size() - space.length);
            }
        }
        if (whitespaceAsSuffix && addDummyPrefix) {
            appendSpace(out);
        }
        return out.toArray();
    }

    private void appendSpace(ByteString out) {
        if (escapeWhitespaces) {
            out.append(SPACE_SYMBOL, 0, SPACE_SYMBOL.length);
        } else {
            out.append(SPACE);
        }
    }

    /** The normalised form of the first character (or rule, or user-defined symbol) of a text. */
    private static final class Prefix {
        byte[] source;
        int from;
        int to;
        int consumed;

        boolean isExactly(byte[] s) {
            if (to - from != s.length) {
                return false;
            }
            for (int i = 0; i < s.length; i++) {
                if (source[from + i] != s[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private void prefix(byte[] input, int pos, int end, CharsMap.Lookup lookup, Prefix p) {
        if (userDefined != null && !userDefined.isEmpty()) {
            int n = userDefined.longestMatch(input, pos, end);
            if (n > 0) {
                set(p, input, pos, pos + n, n);
                return;
            }
        }
        if (lookup != null) {
            int n = lookup.longestMatch(input, pos, end);
            if (n > 0) {
                set(p, lookup.blob(), lookup.replacementStart(), lookup.replacementEnd(), n);
                return;
            }
        }
        int n = Math.min(ByteString.charLength(input[pos]), end - pos);
        set(p, input, pos, pos + n, n);
    }

    private static void set(Prefix p, byte[] source, int from, int to, int consumed) {
        p.source = source;
        p.from = from;
        p.to = to;
        p.consumed = consumed;
    }
}
