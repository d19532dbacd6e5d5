package org.attn4j.api;

/**
 * Base of every exception attn4j throws on purpose. Messages say what was wrong and where
 * (the setting, file and line, tensor name and shape) so the caller can fix it without a
 * debugger. Vendor exceptions (Jackson, ONNX Runtime, OpenNLP) are wrapped into subclasses
 * at module boundaries, with the original as the cause.
 */
public class Attn4jException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Attn4jException(String message) {
        super(message);
    }

    public Attn4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
