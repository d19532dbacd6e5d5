package org.attn4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.attn4j.api.Attn4jException;

/**
 * The demo's corpus: the 6,000 English–French Tatoeba pairs of {@code data/tatoeba-eng-fra.tsv}
 * (CC-BY 2.0 FR, see NOTICE), copied into the cli jar at build time as the class-path resource
 * {@value #RESOURCE}, so {@code attn4j demo} needs no file outside the jar wherever the jar is.
 */
final class DemoCorpus {
    /** Where the build puts the corpus (cli/pom.xml copies it from data/). */
    static final String RESOURCE = "/org/attn4j/cli/demo/tatoeba-eng-fra.tsv";
    /** Credit printed with the demo, as the licence asks. */
    static final String ATTRIBUTION = "Tatoeba English-French pairs, CC-BY 2.0 FR, from tatoeba.org via www.manythings.org/anki";

    private DemoCorpus() {
    }

    /** The corpus lines, {@code English<TAB>French}, in the shipped (seeded random) order. */
    static List<String> lines() {
        try (InputStream in = DemoCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new Attn4jException("the demo corpus " + RESOURCE + " is not on the class path; "
                        + "this attn4j was built without data/tatoeba-eng-fra.tsv");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo corpus " + RESOURCE, e);
        }
    }
}
