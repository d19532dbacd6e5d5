package org.attn4j.core.io;

import java.util.Map;

/**
 * The tensors and metadata of a safetensors file, as {@link SafeTensors#read} returns them.
 *
 * @param tensors the tensors in header order
 * @param metadata the {@code __metadata__} strings, including attn4j's {@code attn4j.crc32c}
 */
public record SafeTensorsContent(Map<String, TensorEntry> tensors, Map<String, String> metadata) {
}
