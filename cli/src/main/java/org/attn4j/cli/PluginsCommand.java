package org.attn4j.cli;

import java.io.PrintWriter;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attn4j.core.inject.PluginDiscovery;
import org.attn4j.core.inject.PluginKind;
import org.attn4j.core.inject.PluginRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn4j plugins}: every provider discovery finds on the class path (attention, encoder,
 * decoder, tokenizer, backend), one line each: kind, name, class, description. A plugin jar
 * added to the class path ({@code java -cp attn4j.jar:plugin.jar org.attn4j.cli.Main plugins})
 * appears here; two providers with one name make the command fail with both classes named.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = Attn4jCommand.Version.class,
        description = "Lists the plugins found on the class path: kind, name, class and description.")
final class PluginsCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "Only this kind: attention, encoder, decoder, tokenizer or backend.")
    private String kind;

    @Option(names = "--location", description = "Also print the jar or folder each class was loaded from.")
    private boolean location;

    @Override
    public Integer call() {
        List<PluginKind<?>> kinds = selectedKinds();
        PluginRegistry registry = PluginDiscovery.discover(PluginDiscovery.contextLoader(), kinds);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "NAME", "CLASS", "DESCRIPTION"});
        for (PluginKind<?> k : kinds) {
            addRows(registry, k, rows);
        }
        print(rows);
        return 0;
    }

    private List<PluginKind<?>> selectedKinds() {
        if (kind == null) {
            return PluginKind.all();
        }
        for (PluginKind<?> k : PluginKind.all()) {
            if (k.label().equals(kind.toLowerCase(Locale.ROOT))) {
                return List.of(k);
            }
        }
        throw new ParameterException(spec.commandLine(), "unknown plugin kind '" + kind + "'; valid kinds: "
                + PluginKind.all().stream().map(PluginKind::label).toList());
    }

    private <T> void addRows(PluginRegistry registry, PluginKind<T> k, List<String[]> rows) {
        Map<String, T> all = registry.all(k);
        if (all.isEmpty()) {
            rows.add(new String[] {k.label(), "-", "-", "(none installed)"});
        }
        all.forEach((name, provider) -> rows.add(new String[] {k.label(), name, className(provider),
            oneLine(k.descriptionOf(provider))}));
    }

    private String className(Object provider) {
        Class<?> c = provider.getClass();
        if (!location) {
            return c.getName();
        }
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return c.getName() + (source == null || source.getLocation() == null ? "" : " (" + source.getLocation() + ")");
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\n', ' ').replace('\r', ' ').strip();
    }

    private void print(List<String[]> rows) {
        int[] width = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < width.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                line.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 2));
            }
            out.println(line.append(row[3]).toString().stripTrailing());
        }
        out.flush();
    }
}
