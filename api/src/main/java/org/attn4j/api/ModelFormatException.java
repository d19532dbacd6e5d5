package org.attn4j.api;

/**
 * A file that attn4j reads (weights, checkpoint, vocabulary, tokenizer model, corpus) is
 * missing, truncated, corrupt or of the wrong format. The message names the file and, where
 * it applies, the entry, line or byte offset.
 */
public class ModelFormatException extends Attn4jException {
    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
