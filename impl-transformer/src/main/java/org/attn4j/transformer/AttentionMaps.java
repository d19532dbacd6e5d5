package org.attn4j.transformer;

import java.util.ArrayList;
import java.util.List;
import org.attn4j.api.Ops;
import org.attn4j.api.Tensor;
import org.attn4j.api.model.EncoderOutput;
import org.attn4j.api.model.Seq2SeqModel;

/**
 * Every attention weight of a Transformer for given sentences, per layer and head: what a tool
 * draws to show what the model looked at. Obtain it for a translation by running the target the
 * search produced (BOS followed by its tokens) through {@link #of}, which is one teacher-forced
 * pass and gives exactly the weights the steps used.
 * <pre>{@code
 * AttentionMaps maps = AttentionMaps.of(ops, model, src, ops.notEqual(src, Vocabulary.PAD), bosAndTokens);
 * Tensor w = maps.cross().get(2);   // layer 2: [B, H, T, S]; w[b, h, i, j] = weight of source j for target i
 * }</pre>
 * Lists are indexed by layer (0 = nearest the embeddings). Shapes, for a multi-head variant:
 * {@code encoderSelf} {@code [B, H, S, S]}, {@code decoderSelf} {@code [B, H, T, T]} (zero above
 * the diagonal), {@code cross} {@code [B, H, T, S]} (zero at padded source positions); a
 * single-head variant gives the same without the H axis. Row i of a decoder map belongs to the
 * query at target input i, which predicts target token i.
 *
 * @param encoderSelf per encoder layer; empty when the encoder is not a Transformer
 * @param decoderSelf per decoder layer
 * @param cross       per decoder layer
 */
public record AttentionMaps(List<Tensor> encoderSelf, List<Tensor> decoderSelf, List<Tensor> cross) {
    public AttentionMaps {
        encoderSelf = List.copyOf(encoderSelf);
        decoderSelf = List.copyOf(decoderSelf);
        cross = List.copyOf(cross);
    }

    /**
     * The maps for source ids {@code [B, S]} with their mask and target inputs {@code [B, T]}.
     *
     * @throws IllegalArgumentException if the model's decoder is not a {@link TransformerDecoder}
     */
    public static AttentionMaps of(Ops ops, Seq2SeqModel model, Tensor sourceIds, Tensor sourceMask, Tensor targetInputs) {
        if (!(model.decoder() instanceof TransformerDecoder decoder)) {
            throw new IllegalArgumentException("attention maps per layer and head need a transformer decoder, got "
                    + model.decoder().getClass().getSimpleName());
        }
        List<Tensor> encoderSelf = new ArrayList<>();
        EncoderOutput encoded = model.encoder() instanceof TransformerEncoder encoder
                ? encoder.encode(ops, sourceIds, sourceMask, encoderSelf)
                : model.encoder().encode(ops, sourceIds, sourceMask);
        List<Tensor> decoderSelf = new ArrayList<>();
        List<Tensor> cross = new ArrayList<>();
        decoder.forward(ops, encoded, targetInputs, decoderSelf, cross);
        return new AttentionMaps(encoderSelf, decoderSelf, cross);
    }
}
