package org.attn4j.tokenizers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.text.Tokenizer;
import org.attn4j.api.text.Vocabulary;

/**
 * A tokenizer and its vocabulary: text to ids and back, saved together in a model directory
 * ({@code tokenizer.json}, {@code vocab.json}, and {@code opennlp-tokenizer.bin} when the
 * tokenizer uses a user's OpenNLP model). A codec reloaded with {@link #load} gives identical
 * ids. Immutable and thread-safe when its parts are.
 *
 * <pre>{@code
 * TextCodec codec = TextCodec.build(bpe, trainLines, 1, Integer.MAX_VALUE);
 * int[] ids = codec.encode("Ein Hund rennt.", true, true);   // <s> ... </s>
 * String text = codec.decode(ids);                            // "Ein Hund rennt."
 * codec.save(modelDir.resolve("source"));
 * }</pre>
 *
 * @param tokenizer  splits text into tokens and joins them back
 * @param vocabulary maps tokens to ids
 */
public record TextCodec(Tokenizer tokenizer, Vocabulary vocabulary) {
    public TextCodec {
        if (tokenizer == null || vocabulary == null) {
            throw new IllegalArgumentException("tokenizer and vocabulary must not be null");
        }
    }

    /**
     * A codec whose vocabulary is built from {@code lines} as {@code tokenizer} splits them.
     *
     * @param minFrequency keep tokens seen at least this often
     * @param maxSize      keep at most this many tokens, the specials included
     */
    public static TextCodec build(Tokenizer tokenizer, Iterable<String> lines, int minFrequency, int maxSize) {
        TokenVocabulary vocabulary = TokenVocabulary.builder().optMinFrequency(minFrequency).optMaxSize(maxSize)
                .addCorpus(tokenizer, lines).build();
        return new TextCodec(tokenizer, vocabulary);
    }

    /**
     * Ids of {@code text}; tokens the vocabulary lacks become {@link Vocabulary#UNK}. A token of
     * the text that spells a special token ({@code <s>} from the whitespace tokenizer, say) is
     * {@link Vocabulary#UNK} too: text never produces the ids of {@code <pad>}, {@code <s>} or
     * {@code </s>}.
     */
    public int[] encode(String text) {
        return encode(text, false, false);
    }

    /** Ids of {@code text}, with {@code <s>} in front and {@code </s>} at the end if asked. */
    public int[] encode(String text, boolean bos, boolean eos) {
        List<String> tokens = tokenizer.split(text);
        int offset = bos ? 1 : 0;
        int[] ids = new int[tokens.size() + offset + (eos ? 1 : 0)];
        if (bos) {
            ids[0] = Vocabulary.BOS;
        }
        for (int i = 0; i < tokens.size(); i++) {
            int id = vocabulary.id(tokens.get(i));
            ids[offset + i] = vocabulary.isSpecial(id) ? Vocabulary.UNK : id;
        }
        if (eos) {
            ids[ids.length - 1] = Vocabulary.EOS;
        }
        return ids;
    }

    /**
     * The text of model output {@code ids}: {@code <pad>} and {@code <s>} are skipped, the
     * first {@code </s>} ends the text, {@code <unk>} is written as {@code <unk>}, and the
     * tokens are detokenised.
     *
     * @throws IndexOutOfBoundsException for an id outside the vocabulary
     */
    public String decode(int[] ids) {
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            if (id == Vocabulary.EOS) {
                break;
            }
            if (id != Vocabulary.PAD && id != Vocabulary.BOS) {
                tokens.add(vocabulary.token(id));
            }
        }
        return tokenizer.detokenize(tokens);
    }

    /** Saves the tokenizer and the vocabulary into {@code dir}, each file atomically. */
    public void save(Path dir) {
        tokenizer.save(dir);
        TokenVocabulary.save(vocabulary, dir.resolve(TokenVocabulary.FILE_NAME));
    }

    /** Reloads a codec saved with {@link #save}, finding the tokenizer's provider in {@code tokenizers}. */
    public static TextCodec load(Path dir, Tokenizers tokenizers) {
        Tokenizer tokenizer = tokenizers.load(dir);
        return new TextCodec(tokenizer, TokenVocabulary.load(dir.resolve(TokenVocabulary.FILE_NAME)));
    }
}
