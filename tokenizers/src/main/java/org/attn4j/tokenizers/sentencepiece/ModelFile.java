package org.attn4j.tokenizers.sentencepiece;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.attn4j.api.ModelFormatException;

/**
 * The parts of a SentencePiece {@code ModelProto} that encoding and decoding use, read from
 * its wire format. Field numbers follow {@code sentencepiece_model.proto}: the model holds
 * repeated {@code pieces} (1), {@code trainer_spec} (2) and {@code normalizer_spec} (3); a
 * piece holds {@code piece} (1), {@code score} (2, float) and {@code type} (3). Unset fields
 * take the proto2 defaults of that file. Fields this reader does not use are skipped.
 */
final class ModelFile {
    static final int NORMAL = 1;
    static final int UNKNOWN = 2;
    static final int CONTROL = 3;
    static final int USER_DEFINED = 4;
    static final int UNUSED = 5;
    static final int BYTE = 6;

    static final int UNIGRAM = 1;
    static final int BPE = 2;
    static final int WORD = 3;
    static final int CHAR = 4;

    final String file;
    final String[] pieces;
    final float[] scores;
    final int[] types;
    int modelType = UNIGRAM;
    boolean byteFallback;
    boolean treatWhitespaceAsSuffix;
    String unkSurface = " \u2047 ";
    String normalizerName = "";
    byte[] precompiledCharsmap = new byte[0];
    boolean addDummyPrefix = true;
    boolean removeExtraWhitespaces = true;
    boolean escapeWhitespaces = true;
    int unkId = -1;
    final Map<String, Integer> ids = new HashMap<>();

    private ModelFile(String file, List<String> pieces, List<Float> scores, List<Integer> types) {
        this.file = file;
        this.pieces = pieces.toArray(new String[0]);
        this.scores = new float[scores.size()];
        this.types = new int[types.size()];
        for (int i = 0; i < this.scores.length; i++) {
            this.scores[i] = scores.get(i);
            this.types[i] = types.get(i);
        }
    }

    /**
     * Parses {@code bytes}, the content of {@code file}.
     *
     * @throws ModelFormatException naming the file and the byte offset if the bytes are not a
     *                              valid model, or the model breaks SentencePiece's own rules
     *                              (no unknown piece, an empty or duplicate piece, ...)
     */
    static ModelFile parse(byte[] bytes, String file) {
        ProtoReader in = new ProtoReader(bytes, 0, bytes.length, file);
        List<String> pieces = new ArrayList<>();
        List<Float> scores = new ArrayList<>();
        List<Integer> types = new ArrayList<>();
        List<Integer> offsets = new ArrayList<>();
        ProtoReader trainer = null;
        ProtoReader normalizer = null;
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag >>> 3) {
                case 1 -> {
                    in.expect(tag, ProtoReader.LENGTH_DELIMITED);
                    offsets.add(in.position());
                    readPiece(in.readMessage(), pieces, scores, types);
                }
                case 2 -> {
                    in.expect(tag, ProtoReader.LENGTH_DELIMITED);
                    trainer = in.readMessage();
                }
                case 3 -> {
                    in.expect(tag, ProtoReader.LENGTH_DELIMITED);
                    normalizer = in.readMessage();
                }
                default -> in.skip(tag & 7);
            }
        }
        if (pieces.isEmpty()) {
            throw new ModelFormatException(file + ": not a valid SentencePiece model: it holds no pieces (" + bytes.length
                    + " bytes read)");
        }
        ModelFile model = new ModelFile(file, pieces, scores, types);
        if (trainer != null) {
            model.readTrainer(trainer);
        }
        if (normalizer != null) {
            model.readNormalizer(normalizer);
        }
        model.index(offsets);
        return model;
    }

    private static void readPiece(ProtoReader in, List<String> pieces, List<Float> scores, List<Integer> types) {
        String piece = null;
        float score = 0f;
        int type = NORMAL;
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag >>> 3) {
                case 1 -> {
                    in.expect(tag, ProtoReader.LENGTH_DELIMITED);
                    piece = in.readString();
                }
                case 2 -> {
                    in.expect(tag, ProtoReader.FIXED32);
                    score = in.readFloat();
                }
                case 3 -> {
                    in.expect(tag, ProtoReader.VARINT);
                    type = in.readInt32();
                }
                default -> in.skip(tag & 7);
            }
        }
        pieces.add(piece == null ? "" : piece);
        scores.add(score);
        types.add(type);
    }

    private void readTrainer(ProtoReader in) {
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag >>> 3) {
                case 3 -> {
                    in.expect(tag, ProtoReader.VARINT);
                    modelType = in.readInt32();
                }
                case 24 -> {
                    in.expect(tag, ProtoReader.VARINT);
                    treatWhitespaceAsSuffix = in.readBool();
                }
                case 35 -> {
                    in.expect(tag, ProtoReader.VARINT);
                    byteFallback = in.readBool();
                }
                case 44 -> {
                    in.expect(tag, ProtoReader.LENGTH_DELIMITED);
                    unkSurface = in.readString();
                }
                default -> in.skip(tag & 7);
            }
        }
    }

    private void readNormalizer(ProtoReader in) {
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag >>> 3) {
                case 1 -> {
                    in.expect(tag, ProtoReader.LENGTH_DELIMITED);
                    normalizerName = in.readString();
                }
                case 2 -> {
                    in.expect(tag, ProtoReader.LENGTH_DELIMITED);
                    precompiledCharsmap = in.readBytes();
                }
                case 3 -> {
                    in.expect(tag, ProtoReader.VARINT);
                    addDummyPrefix = in.readBool();
                }
                case 4 -> {
                    in.expect(tag, ProtoReader.VARINT);
                    removeExtraWhitespaces = in.readBool();
                }
                case 5 -> {
                    in.expect(tag, ProtoReader.VARINT);
                    escapeWhitespaces = in.readBool();
                }
                default -> in.skip(tag & 7);
            }
        }
    }

    /** The checks SentencePiece makes when it loads a model, with the pieces' byte offsets. */
    private void index(List<Integer> offsets) {
        if (modelType != UNIGRAM && modelType != BPE) {
            throw new ModelFormatException(file + ": model type " + modelType + (modelType == WORD ? " (WORD)"
                    : modelType == CHAR ? " (CHAR)" : "") + " is not supported; attn4j reads UNIGRAM (1) and BPE (2) models");
        }
        for (int i = 0; i < pieces.length; i++) {
            String where = file + ": piece " + i + " (at byte offset " + offsets.get(i) + ")";
            if (pieces[i].isEmpty()) {
                throw new ModelFormatException(where + " is empty");
            }
            if (types[i] < NORMAL || types[i] > BYTE) {
                throw new ModelFormatException(where + " has unknown type " + types[i]);
            }
            Integer before = ids.putIfAbsent(pieces[i], i);
            if (before != null) {
                throw new ModelFormatException(where + " '" + pieces[i] + "' repeats piece " + before);
            }
            if (types[i] == UNKNOWN) {
                if (unkId >= 0) {
                    throw new ModelFormatException(where + " is a second unknown piece (the first is " + unkId + ")");
                }
                unkId = i;
            }
            if (types[i] == BYTE && (!byteFallback || byteValue(pieces[i]) < 0)) {
                throw new ModelFormatException(where + " '" + pieces[i] + "' is a byte piece, but "
                        + (byteFallback ? "not of the form <0xNN>" : "the trainer spec has byte_fallback off"));
            }
        }
        if (unkId < 0) {
            throw new ModelFormatException(file + ": not a valid SentencePiece model: no piece has type UNKNOWN");
        }
    }

    /** The byte a {@code <0xNN>} piece stands for, or -1. */
    static int byteValue(String piece) {
        if (piece.length() != 6 || !piece.startsWith("<0x") || piece.charAt(5) != '>') {
            return -1;
        }
        int hi = Character.digit(piece.charAt(3), 16);
        int lo = Character.digit(piece.charAt(4), 16);
        return hi < 0 || lo < 0 || Character.isLowerCase(piece.charAt(3)) || Character.isLowerCase(piece.charAt(4))
                ? -1 : hi << 4 | lo;
    }
}
