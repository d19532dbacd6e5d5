package org.attn4j.tokenizers.sentencepiece;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.attn4j.api.ModelFormatException;

/**
 * A SentencePiece model ({@code .model} file, the library's serialised {@code ModelProto}):
 * text to pieces and ids and back, as the reference C++ library (0.1.97) does it, in pure
 * Java.
 *
 * <p>Supported: unigram (Viterbi) and BPE models; the normaliser spec (the precompiled
 * character map of {@code nmt_nfkc}, {@code nfkc} and custom rules; {@code identity};
 * {@code add_dummy_prefix}, {@code remove_extra_whitespaces}, {@code escape_whitespaces});
 * {@code treat_whitespace_as_suffix}; byte fallback; unknown, control, user-defined and
 * unused pieces. Consecutive unknown characters become one unknown piece; decoding writes an
 * unknown id as the model's {@code unk_surface} ({@code " ⁇ "} by default) and byte pieces as
 * the UTF-8 bytes they spell (each byte that is not part of a valid character as U+FFFD).
 * Not supported: training, sampling (subword regularisation, BPE-dropout), n-best, the
 * {@code denormalizer_spec}, WORD and CHAR models.
 *
 * <pre>{@code
 * SentencePieceProcessor sp = SentencePieceProcessor.load(Path.of("source.spm"));
 * List<String> pieces = sp.encodePieces("Hello world.");   // [▁Hello, ▁world, .]
 * int[] ids = sp.encodeIds("Hello world.");
 * String text = sp.decodeIds(ids);                          // "Hello world."
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class SentencePieceProcessor {
    private static final String SPACE_SYMBOL = "\u2581";

    private final ModelFile model;
    private final byte[] bytes;
    private final Normalizer normalizer;
    private final UnigramEncoder unigram;
    private final BpeEncoder bpe;
    private final int[] byteIds = new int[256];

    private SentencePieceProcessor(ModelFile model, byte[] bytes) {
        this.model = model;
        this.bytes = bytes;
        ByteTrie userDefined = new ByteTrie();
        ByteTrie pieces = new ByteTrie();
        for (int i = 0; i < model.pieces.length; i++) {
            if (model.types[i] == ModelFile.USER_DEFINED) {
                userDefined.add(model.pieces[i], i);
            }
            if (isInTrie(model.types[i])) {
                pieces.add(model.pieces[i], i);
            }
        }
        this.normalizer = new Normalizer(model, userDefined);
        this.unigram = model.modelType == ModelFile.UNIGRAM ? new UnigramEncoder(model, pieces) : null;
        this.bpe = model.modelType == ModelFile.BPE ? new BpeEncoder(model, userDefined) : null;
        Arrays.fill(byteIds, -1);
        for (int i = 0; i < model.pieces.length; i++) {
            if (model.types[i] == ModelFile.BYTE) {
                byteIds[ModelFile.byteValue(model.pieces[i])] = i;
            }
        }
        if (model.byteFallback) {
            for (int b = 0; b < 256; b++) {
                if (byteIds[b] < 0) {
                    throw new ModelFormatException(model.file + ": the model has byte_fallback on but no piece "
                            + String.format("<0x%02X>", b));
                }
            }
        }
    }

    /** Pieces a segmentation may use: normal, user-defined and unused (as in the reference). */
    static boolean isInTrie(int type) {
        return type == ModelFile.NORMAL || type == ModelFile.USER_DEFINED || type == ModelFile.UNUSED;
    }

    /**
     * Reads a model file.
     *
     * @throws ModelFormatException naming the file if it is missing or unreadable, or (with the
     *                              byte offset) if it is truncated or not a SentencePiece model
     */
    public static SentencePieceProcessor load(Path file) {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("SentencePiece model " + file + " does not exist", e);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read SentencePiece model " + file + ": " + e.getMessage(), e);
        }
        return fromBytes(content, file.toString());
    }

    /**
     * A model from the bytes of a {@code .model} file; {@code name} stands for the file in
     * error messages.
     *
     * @throws ModelFormatException if the bytes are not a valid model (the message gives the byte offset)
     */
    public static SentencePieceProcessor fromBytes(byte[] content, String name) {
        byte[] copy = content.clone();
        return new SentencePieceProcessor(ModelFile.parse(copy, name), copy);
    }

    /** The model file's bytes (a copy), for saving it elsewhere. */
    public byte[] modelBytes() {
        return bytes.clone();
    }

    /** The number of pieces. */
    public int size() {
        return model.pieces.length;
    }

    /** The piece with id {@code id}. @throws IndexOutOfBoundsException outside {@code [0, size())} */
    public String idToPiece(int id) {
        checkId(id);
        return model.pieces[id];
    }

    /** The id of {@code piece}; the unknown id for a string that is no piece. */
    public int pieceToId(String piece) {
        Integer id = model.ids.get(piece);
        return id == null ? model.unkId : id;
    }

    public int unkId() {
        return model.unkId;
    }

    /** Whether {@code id} is a control piece ({@code <s>}, {@code </s>}, ...), which text never produces. */
    public boolean isControl(int id) {
        checkId(id);
        return model.types[id] == ModelFile.CONTROL;
    }

    public boolean isUnknown(int id) {
        checkId(id);
        return model.types[id] == ModelFile.UNKNOWN;
    }

    /** Whether {@code id} is a byte piece {@code <0xNN>}. */
    public boolean isByte(int id) {
        checkId(id);
        return model.types[id] == ModelFile.BYTE;
    }

    /** The score (log probability for unigram, merge rank for BPE) of piece {@code id}. */
    public float score(int id) {
        checkId(id);
        return model.scores[id];
    }

    /** Settings of the model that change how text looks: the normaliser and whitespace handling. */
    public boolean addDummyPrefix() {
        return model.addDummyPrefix;
    }

    public boolean treatWhitespaceAsSuffix() {
        return model.treatWhitespaceAsSuffix;
    }

    /** The normaliser's name in the model ({@code nmt_nfkc}, {@code identity}, ...). */
    public String normalizerName() {
        return model.normalizerName;
    }

    /** {@code UNIGRAM} or {@code BPE}. */
    public String modelType() {
        return model.modelType == ModelFile.UNIGRAM ? "UNIGRAM" : "BPE";
    }

    /** The text after SentencePiece's normalisation, with its {@code ▁} markers. */
    public String normalize(String text) {
        return new String(normalizer.normalize(ByteString.utf8(checkText(text))), StandardCharsets.UTF_8);
    }

    /** The ids of {@code text}. @throws IllegalArgumentException for null or an unpaired surrogate */
    public int[] encodeIds(String text) {
        return encode(text).ids();
    }

    /** The pieces of {@code text}; an unknown piece is the text it covers. */
    public List<String> encodePieces(String text) {
        return encode(text).pieces();
    }

    /**
     * The full encoding of {@code text}: the normalised text, the pieces, their ids and, for
     * each piece, its char range in the normalised text (a byte piece has the range of the
     * character it is part of).
     *
     * @throws IllegalArgumentException for null or an unpaired surrogate
     */
    public Encoding encode(String text) {
        byte[] normalized = normalizer.normalize(ByteString.utf8(checkText(text)));
        Segments segments = unigram != null ? unigram.encode(normalized) : bpe.encode(normalized);
        int[] charAt = charOffsets(normalized);
        List<String> pieces = new ArrayList<>(segments.size() + 4);
        int[] ids = new int[segments.size()];
        int[] starts = new int[segments.size()];
        int[] ends = new int[segments.size()];
        int n = 0;
        boolean previousUnknown = false;
        for (int i = 0; i < segments.size(); i++) {
            int from = segments.start(i);
            int to = segments.end(i);
            int id = segments.id(i);
            boolean unknown = model.types[id] == ModelFile.UNKNOWN;
            if (unknown && model.byteFallback) {
                for (int b = from; b < to; b++) {
                    int charStart = b;
                    while (charAt[charStart] < 0) {
                        charStart--;
                    }
                    int charEnd = charStart + Math.min(ByteString.charLength(normalized[charStart]), to - charStart);
                    if (n == ids.length) {
                        ids = Arrays.copyOf(ids, n * 2 + 4);
                        starts = Arrays.copyOf(starts, ids.length);
                        ends = Arrays.copyOf(ends, ids.length);
                    }
                    ids[n] = byteIds[normalized[b] & 0xFF];
                    starts[n] = charAt[charStart];
                    ends[n] = charAt[charEnd];
                    pieces.add(model.pieces[ids[n]]);
                    n++;
                }
            } else if (unknown && previousUnknown) {
                ends[n - 1] = charAt[to];
                pieces.set(n - 1, pieces.get(n - 1) + new String(normalized, from, to - from, StandardCharsets.UTF_8));
            } else {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2 + 4);
                    starts = Arrays.copyOf(starts, ids.length);
                    ends = Arrays.copyOf(ends, ids.length);
                }
                ids[n] = id;
                starts[n] = charAt[from];
                ends[n] = charAt[to];
                pieces.add(new String(normalized, from, to - from, StandardCharsets.UTF_8));
                n++;
            }
            previousUnknown = unknown;
        }
        return new Encoding(new String(normalized, StandardCharsets.UTF_8), List.copyOf(pieces), Arrays.copyOf(ids, n),
                Arrays.copyOf(starts, n), Arrays.copyOf(ends, n));
    }

    /**
     * A text and its pieces.
     *
     * @param normalized the normalised text, with {@code ▁} for spaces (as the model sees it)
     * @param pieces     the pieces; an unknown piece is the text it covers
     * @param ids        their ids
     * @param starts     for each piece the offset (in chars) of its first char in {@code normalized}
     * @param ends       for each piece the offset one past its last char
     */
    public record Encoding(String normalized, List<String> pieces, int[] ids, int[] starts, int[] ends) {
        @Override
        public int[] ids() {
            return ids.clone();
        }

        @Override
        public int[] starts() {
            return starts.clone();
        }

        @Override
        public int[] ends() {
            return ends.clone();
        }
    }

    /** For each byte offset that starts a char (and the end), the char offset in the decoded string; -1 elsewhere. */
    private static int[] charOffsets(byte[] utf8) {
        int[] at = new int[utf8.length + 1];
        Arrays.fill(at, -1);
        int chars = 0;
        int i = 0;
        while (i < utf8.length) {
            at[i] = chars;
            int len = Math.min(ByteString.charLength(utf8[i]), utf8.length - i);
            chars += len == 4 ? 2 : 1;
            i += len;
        }
        at[utf8.length] = chars;
        return at;
    }

    /**
     * The text of {@code ids}, as the reference decodes it: control pieces vanish, the unknown
     * id is the model's unknown surface, byte pieces are UTF-8 bytes, {@code ▁} is a space, and
     * the space of the first piece (the dummy prefix) is dropped.
     *
     * @throws IndexOutOfBoundsException for an id outside {@code [0, size())}
     */
    public String decodeIds(int[] ids) {
        if (ids == null) {
            throw new IllegalArgumentException("ids must not be null");
        }
        String[] pieces = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            pieces[i] = idToPiece(ids[i]);
        }
        return decode(pieces, ids.clone());
    }

    /** The text of {@code pieces}; a string that is no piece counts as unknown and is written as itself. */
    public String decodePieces(List<String> pieces) {
        if (pieces == null) {
            throw new IllegalArgumentException("pieces must not be null");
        }
        String[] array = new String[pieces.size()];
        int[] ids = new int[array.length];
        for (int i = 0; i < array.length; i++) {
            array[i] = pieces.get(i);
            if (array[i] == null) {
                throw new IllegalArgumentException("piece " + i + " is null");
            }
            ids[i] = pieceToId(array[i]);
        }
        return decode(array, ids);
    }

    private String decode(String[] pieces, int[] ids) {
        StringBuilder text = new StringBuilder();
        boolean stripsBosSpace = model.addDummyPrefix || model.removeExtraWhitespaces;
        for (int i = 0; i < pieces.length; ) {
            int id = ids[i];
            if (model.types[id] == ModelFile.BYTE) {
                int j = i;
                while (j < pieces.length && model.types[ids[j]] == ModelFile.BYTE) {
                    j++;
                }
                byte[] run = new byte[j - i];
                for (int k = i; k < j; k++) {
                    run[k - i] = (byte) ModelFile.byteValue(model.pieces[ids[k]]);
                }
                text.append(ByteString.decodeLenient(run, 0, run.length));
                i = j;
                continue;
            }
            text.append(decodePiece(pieces[i], id, text.length() == 0 && stripsBosSpace));
            i++;
        }
        return text.toString();
    }

    private String decodePiece(String piece, int id, boolean atStart) {
        int type = model.types[id];
        if (type == ModelFile.CONTROL) {
            return "";
        }
        if (type == ModelFile.UNKNOWN) {
            return piece.equals(model.pieces[id]) ? model.unkSurface : piece;
        }
        String p = piece;
        if (atStart && p.startsWith(SPACE_SYMBOL)) {
            p = p.substring(1);
        }
        return p.replace(SPACE_SYMBOL, " ");
    }

    private void checkId(int id) {
        if (id < 0 || id >= model.pieces.length) {
            throw new IndexOutOfBoundsException("piece id " + id + " is outside [0, " + model.pieces.length + ") of "
                    + model.file);
        }
    }

    private static String checkText(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return text;
    }

    @Override
    public String toString() {
        return "SentencePieceProcessor[" + model.file + ", " + modelType() + ", " + size() + " pieces, normalizer "
                + (model.normalizerName.isEmpty() ? "(unnamed)" : model.normalizerName) + "]";
    }
}
