package org.attn4j.api;

/**
 * An operation needs the size of a dimension that is only known at run time ({@code -1}, as in
 * a graph being traced for export), for instance to loop over it in Java. A tracer may catch it
 * and trace again with that dimension fixed; anything else is a real error.
 */
public class UnknownDimensionException extends ShapeException {
    private static final long serialVersionUID = 1L;

    public UnknownDimensionException(String message) {
        super(message);
    }
}
