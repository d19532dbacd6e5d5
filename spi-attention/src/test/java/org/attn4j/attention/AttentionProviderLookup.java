package org.attn4j.attention;

import static org.assertj.core.api.Assertions.fail;

import java.util.ServiceLoader;
import java.util.TreeSet;
import org.attn4j.api.spi.AttentionProvider;

/** Finds an attention provider by name through ServiceLoader, as tests need without the Guice wiring. */
final class AttentionProviderLookup {

    AttentionProvider find(String name) {
        TreeSet<String> names = new TreeSet<>();
        for (AttentionProvider p : ServiceLoader.load(AttentionProvider.class, getClass().getClassLoader())) {
            if (p.name().equals(name)) {
                return p;
            }
            names.add(p.name());
        }
        return fail("no attention provider named '%s'; found %s", name, names);
    }
}
