package org.attn4j.api.spi;

import org.attn4j.api.config.Options;

/**
 * What an attention module is built for: the sizes of its inputs (fixed by the model around
 * it) and the variant's own options (from configuration).
 *
 * @param queryDim Dq, the size of a query vector
 * @param keyDim   Dk, the size of a key vector
 * @param valueDim Dv, the size of a value vector
 * @param options  the variant's configuration block
 */
public record AttentionSpec(int queryDim, int keyDim, int valueDim, Options options) {
    public AttentionSpec {
        if (queryDim <= 0 || keyDim <= 0 || valueDim <= 0) {
            throw new IllegalArgumentException("attention dimensions must be positive: query " + queryDim + ", key "
                    + keyDim + ", value " + valueDim + " (" + options.where() + ")");
        }
    }
}
