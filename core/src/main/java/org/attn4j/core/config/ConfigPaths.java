package org.attn4j.core.config;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Dotted key paths ({@code model.decoder.attention}, {@code data.files[2]}) for messages. */
final class ConfigPaths {

    private ConfigPaths() {
    }

    /** {@code parent.key}, or {@code key} at the top level. */
    static String join(String parent, String key) {
        return parent == null || parent.isEmpty() ? key : parent + "." + key;
    }

    /** The path of the value the parser is at. */
    static String of(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push(c.getCurrentName());
            } else if (c.inArray() && c.getCurrentIndex() >= 0) {
                parts.push("[" + c.getCurrentIndex() + "]");
            }
        }
        return render(parts);
    }

    /** The path Jackson recorded in a mapping exception. */
    static String of(JsonMappingException e) {
        List<JsonMappingException.Reference> refs = e.getPath();
        Deque<String> parts = new ArrayDeque<>();
        for (JsonMappingException.Reference ref : refs) {
            parts.addLast(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
        }
        return render(parts);
    }

    private static String render(Iterable<String> parts) {
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (sb.length() > 0 && !p.startsWith("[")) {
                sb.append('.');
            }
            sb.append(p);
        }
        return sb.toString();
    }
}
