package org.attn4j.hf;

import java.nio.file.Path;

/**
 * Converts one kind of Hugging Face checkpoint ({@code model_type} of its config.json) into an
 * attn4j model directory. Implementations are stateless and thread-safe.
 */
public interface HfImporter {

    /** The {@code model_type} this importer takes ({@code marian}, {@code bert}). */
    String modelType();

    /**
     * Writes the attn4j model directory for {@code checkpoint} into {@code out}, an empty
     * directory that the caller renames into place once this returns (and deletes if it throws).
     *
     * @throws org.attn4j.api.ModelFormatException naming the file and key of anything the
     *         checkpoint holds that this importer cannot take
     */
    void importTo(HfCheckpoint checkpoint, Path out);
}
