package org.attn4j.api.spi;

import java.util.random.RandomGenerator;

/**
 * What encoder and decoder providers get besides their own options.
 *
 * @param sourceVocabularySize size of the source vocabulary
 * @param targetVocabularySize size of the target vocabulary
 * @param attention            builds attention variants by name
 * @param rng                  the seeded generator that initialises parameters
 */
public record ModelContext(int sourceVocabularySize, int targetVocabularySize, AttentionFactory attention,
        RandomGenerator rng) {
}
