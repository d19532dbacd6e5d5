package org.attn4j.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import org.attn4j.api.ConfigurationException;
import org.attn4j.core.data.CorpusReader;
import org.attn4j.core.data.ParallelCorpus;

/**
 * One parallel corpus: two aligned files ({@code source}, {@code target}) or one TSV file
 * ({@code tsv} with {@code source_column} [0] and {@code target_column} [1]). Relative paths are
 * resolved against the configuration file's folder.
 */
public record CorpusConfig(String source, String target, String tsv, @JsonProperty("source_column") Integer sourceColumn,
        @JsonProperty("target_column") Integer targetColumn) {

    public CorpusConfig {
        boolean files = source != null || target != null;
        if (files == (tsv != null) || files && (source == null || target == null)) {
            throw new ConfigurationException("a corpus is either {source: FILE, target: FILE} or {tsv: FILE}");
        }
        sourceColumn = sourceColumn == null ? 0 : sourceColumn;
        targetColumn = targetColumn == null ? 1 : targetColumn;
    }

    /** Reads the corpus, resolving relative paths against {@code base}. */
    public ParallelCorpus read(Path base) {
        return tsv != null ? CorpusReader.readTsv(base.resolve(tsv), sourceColumn, targetColumn)
                : CorpusReader.readAligned(base.resolve(source), base.resolve(target));
    }
}
