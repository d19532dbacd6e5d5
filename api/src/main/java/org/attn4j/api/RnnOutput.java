package org.attn4j.api;

/**
 * The three results of a whole-sequence recurrent op ({@link Ops#gru}, {@link Ops#lstm}).
 *
 * <p>Shapes, with B the batch, T the time axis of the input, H the hidden size and
 * {@code dirs} 1 (forward) or 2 (forward then reverse):
 * <ul>
 *   <li>{@code y} {@code [B, T, dirs, H]}: the hidden state after each time step; direction 0
 *       is the forward pass, direction 1 the reverse one. Positions at or past a sequence's
 *       length hold exactly 0.</li>
 *   <li>{@code hLast} {@code [dirs, B, H]}: each sequence's final hidden state: for the
 *       forward direction the state after its last real step {@code length - 1}, for the reverse
 *       direction the state after step 0 (which the reverse pass reaches last).</li>
 *   <li>{@code cLast} {@code [dirs, B, H]}: the final cell state of an LSTM, in the same
 *       arrangement; {@code null} for a GRU.</li>
 * </ul>
 * The layout of {@code hLast} and {@code cLast} is ONNX's {@code Y_h} / {@code Y_c}; {@code y}
 * is batch-first, unlike ONNX's default {@code Y} {@code [T, dirs, B, H]}.
 *
 * <p>All three tensors belong to the {@link Ops} that made them; in the eager engine,
 * gradients flowing into any of them reach the op's inputs.
 *
 * @param y     every step's hidden state, {@code [B, T, dirs, H]}, zero past each length
 * @param hLast the final hidden states, {@code [dirs, B, H]}
 * @param cLast the final cell states {@code [dirs, B, H]} of an LSTM, or {@code null} for a GRU
 */
public record RnnOutput(Tensor y, Tensor hLast, Tensor cLast) {

    /** Checks that {@code y} and {@code hLast} are present. */
    public RnnOutput {
        if (y == null || hLast == null) {
            throw new IllegalArgumentException("RnnOutput: y and hLast are required, got y=" + y + ", hLast=" + hLast);
        }
    }
}
