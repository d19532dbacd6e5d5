package org.attn4j.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A piece of a model that owns parameters and child modules, in the manner of PyTorch's
 * {@code nn.Module}: subclasses register what they own in their constructor, and
 * {@link #namedParameters()} lists everything under dotted names ({@code encoder.rnn.W}) that
 * checkpoints and ONNX initializers use.
 *
 * <p>A module holds no training flag and no random generator: both belong to the {@link Ops}
 * passed to its forward methods, so the same module trains eagerly and exports to a graph.
 * Registration is not thread-safe and happens during construction only; after that a module
 * may be read from several threads.
 */
public abstract class Module {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();

    /** Registers a parameter under a simple name (letters, digits, underscore) and returns it. */
    protected final Parameter addParameter(String name, Parameter parameter) {
        checkName(name);
        parameters.put(name, parameter);
        return parameter;
    }

    /** Registers a child module under a simple name and returns it. */
    protected final <M extends Module> M addModule(String name, M module) {
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid parameter or module name '" + name + "' in "
                    + getClass().getSimpleName() + ": use letters, digits and underscores");
        }
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("name '" + name + "' registered twice in " + getClass().getSimpleName());
        }
    }

    /** Every parameter of this module and its descendants under dotted names, in registration order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return Collections.unmodifiableMap(out);
    }

    // A parameter shared by two modules (tied embeddings) is listed once, under its first name.
    private void collect(String prefix, Map<String, Parameter> out, Set<Parameter> seen) {
        parameters.forEach((n, p) -> {
            if (seen.add(p)) {
                out.put(prefix + n, p);
            }
        });
        children.forEach((n, m) -> m.collect(prefix + n + ".", out, seen));
    }

    /** Every parameter, in the order of {@link #namedParameters()}. */
    public final List<Parameter> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The direct children, by name. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Total number of trainable values. */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : namedParameters().values()) {
            n += p.size();
        }
        return n;
    }
}
