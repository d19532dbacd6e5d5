package org.attn4j.api.nn;

/**
 * The fixed positional encodings of Vaswani et al. (2017):
 * {@code PE[pos, 2i] = sin(pos / 10000^(2i/D))}, {@code PE[pos, 2i+1] = cos(pos / 10000^(2i/D))}.
 *
 * {@link #halvesTable} gives the same values with the columns in another order: every sine
 * first, then every cosine ({@code PE[pos, i] = sin(...)}, {@code PE[pos, D/2 + i] = cos(...)}),
 * the layout of Marian and of Hugging Face's Marian models.
 *
 * <p>The table is computed in double and stored as float32, row-major {@code [length, D]}; a
 * model adds rows of it to its embeddings by gathering with {@code Ops.range} positions, so
 * exported graphs take any length up to {@code length}.
 */
public final class SinusoidalPositions {
    private SinusoidalPositions() {
    }

    /** The {@code [length, dim]} table; {@code dim} must be even. */
    public static float[] table(int length, int dim) {
        if (length <= 0 || dim <= 0 || dim % 2 != 0) {
            throw new IllegalArgumentException("sinusoidal positions need length > 0 and an even dim > 0, got length "
                    + length + ", dim " + dim);
        }
        float[] pe = new float[length * dim];
        for (int pos = 0; pos < length; pos++) {
            for (int i = 0; i < dim / 2; i++) {
                double angle = pos / Math.pow(10000, 2.0 * i / dim);
                pe[pos * dim + 2 * i] = (float) Math.sin(angle);
                pe[pos * dim + 2 * i + 1] = (float) Math.cos(angle);
            }
        }
        return pe;
    }

    /** The {@code [length, dim]} table with the sines in columns {@code [0, dim/2)} and the cosines after them. */
    public static float[] halvesTable(int length, int dim) {
        float[] interleaved = table(length, dim);
        float[] pe = new float[interleaved.length];
        int half = dim / 2;
        for (int pos = 0; pos < length; pos++) {
            for (int i = 0; i < half; i++) {
                pe[pos * dim + i] = interleaved[pos * dim + 2 * i];
                pe[pos * dim + half + i] = interleaved[pos * dim + 2 * i + 1];
            }
        }
        return pe;
    }
}
