package org.attn4j.tokenizers;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.attn4j.api.ConfigurationException;

/**
 * Joins word tokens into ordinary text by spacing rules, so that model output reads like the
 * normalised text it was trained on (metrics are computed on detokenised text).
 *
 * <p>Tokens are joined by single spaces, except:
 * <ul>
 *   <li>no space before closing punctuation {@code . , ; : ! ? % ) ] } … »}, before a token
 *       starting with an apostrophe ({@code 's}, {@code 're}) and before {@code n't};</li>
 *   <li>no space after opening punctuation {@code ( [ { ¿ ¡ «};</li>
 *   <li>a token that starts with a hyphen before a letter ({@code -haired}) sticks to the word
 *       before it, one that ends with a hyphen after a letter ({@code ex-}) to the word after
 *       it (OpenNLP's model splits some compounds that way);</li>
 *   <li>a straight double quote {@code "} alternates: the first of a pair sticks to the word
 *       after it, the second to the word before it;</li>
 *   <li>an apostrophe token ({@code '} or {@code ’}), a hyphen {@code -} and a slash {@code /}
 *       stick to both neighbours (so {@code don ' t} becomes {@code don't} and
 *       {@code T - shirt} becomes {@code T-shirt}); so do {@code .}, {@code ,} and {@code :}
 *       between digits ({@code 3 . 5} becomes {@code 3.5}, {@code 8 : 30} becomes {@code 8:30});</li>
 *   <li>{@code en}: {@code “ ‘} open and {@code ”} closes, and the currency signs {@code $ £ €}
 *       stick to the number after them; {@code de}: {@code „ ‚} open and
 *       {@code “ ‘} close;</li>
 *   <li>{@code fr}: French spacing as the normalisation leaves it: a space before
 *       {@code ; : ! ? »} and after {@code «}; a token ending in an apostrophe ({@code l'},
 *       {@code qu'}) sticks to the next word.</li>
 * </ul>
 * The rules are heuristics: a text whose author spaced punctuation differently does not come
 * back exactly. Immutable and thread-safe.
 *
 * <pre>{@code
 * Detokenizer.forLanguage("en").detokenize(List.of("He", "did", "n't", "go", "(", "yet", ")", "."))
 * // "He didn't go (yet)."
 * }</pre>
 */
public final class Detokenizer {
    /** The languages {@link #forLanguage} knows. */
    public static final Set<String> LANGUAGES = Set.of("en", "de", "fr");

    private static final Set<String> CLOSING = Set.of(".", ",", ";", ":", "!", "?", "%", ")", "]", "}", "…", "»", "...");
    private static final Set<String> OPENING = Set.of("(", "[", "{", "¿", "¡", "«");
    private static final Set<String> BOTH_SIDES = Set.of("'", "’", "-", "/");
    private static final Set<String> FRENCH_SPACED_BEFORE = Set.of(";", ":", "!", "?", "»");

    private final String language;
    private final Set<String> opening;
    private final Set<String> closing;

    private Detokenizer(String language, Set<String> opening, Set<String> closing) {
        this.language = language;
        this.opening = opening;
        this.closing = closing;
    }

    /**
     * The rules for {@code language}.
     *
     * @throws ConfigurationException if the language is not one of {@link #LANGUAGES}
     */
    public static Detokenizer forLanguage(String language) {
        if (language == null || !LANGUAGES.contains(language)) {
            throw new ConfigurationException("no detokenizer rules for language '" + language + "'; valid values: "
                    + new TreeSet<>(LANGUAGES));
        }
        return switch (language) {
            case "de" -> new Detokenizer(language, union(OPENING, Set.of("„", "‚")), union(CLOSING, Set.of("“", "‘")));
            case "fr" -> new Detokenizer(language, OPENING, CLOSING);
            default -> new Detokenizer(language, union(OPENING, Set.of("“", "‘", "$", "£", "€")), union(CLOSING, Set.of("”")));
        };
    }

    public String language() {
        return language;
    }

    /** The text of {@code tokens}; an empty list gives {@code ""}. */
    public String detokenize(List<String> tokens) {
        if (tokens == null) {
            throw new IllegalArgumentException("tokens must not be null");
        }
        StringBuilder sb = new StringBuilder();
        boolean quoteOpen = false;
        boolean glueNext = true;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            if (t == null) {
                throw new IllegalArgumentException("token " + i + " is null");
            }
            if (t.isEmpty()) {
                continue;
            }
            boolean glueThis;
            boolean glueAfter;
            if (t.equals("\"")) {
                glueThis = quoteOpen;
                glueAfter = !quoteOpen;
                quoteOpen = !quoteOpen;
            } else {
                glueThis = attachesLeft(t);
                glueAfter = attachesRight(tokens, i, t);
            }
            if (sb.length() > 0 && !glueNext && !glueThis) {
                sb.append(' ');
            }
            sb.append(t);
            glueNext = glueAfter;
        }
        return sb.toString();
    }

    private boolean attachesLeft(String t) {
        if (language.equals("fr") && FRENCH_SPACED_BEFORE.contains(t)) {
            return false;
        }
        if (closing.contains(t) || BOTH_SIDES.contains(t) || t.equals("n't")) {
            return true;
        }
        if ((t.charAt(0) == '\'' || t.charAt(0) == '’' || t.charAt(0) == '-') && t.length() > 1
                && Character.isLetter(t.charAt(1))) {
            return true;
        }
        return false;
    }

    private boolean attachesRight(List<String> tokens, int i, String t) {
        if (opening.contains(t) || BOTH_SIDES.contains(t)) {
            return !(language.equals("fr") && t.equals("«"));
        }
        if (t.length() > 1 && t.endsWith("-") && Character.isLetter(t.charAt(t.length() - 2))) {
            return true;
        }
        if ((t.equals(".") || t.equals(",") || t.equals(":")) && i > 0 && i + 1 < tokens.size()
                && isNumber(tokens.get(i - 1)) && isNumber(tokens.get(i + 1))) {
            return true;
        }
        if (language.equals("fr") && t.length() > 1 && (t.endsWith("'") || t.endsWith("’"))) {
            return true;
        }
        return false;
    }

    private static boolean isNumber(String t) {
        if (t == null || t.isEmpty()) {
            return false;
        }
        for (int k = 0; k < t.length(); k++) {
            if (!Character.isDigit(t.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        HashSet<String> s = new HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }

    @Override
    public String toString() {
        return "Detokenizer[" + language + "]";
    }
}
