package org.attn4j.core.inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.attn4j.api.spi.AttentionProvider;
import org.junit.jupiter.api.Assumptions;

/** Class loaders over a temporary folder, the way a host loads a plugin folder. */
final class ChildLoaders {

    private ChildLoaders() {
    }

    /** Writes {@code META-INF/services/<spi>} in {@code dir} listing {@code classNames}. */
    static void register(Path dir, Class<?> spi, String... classNames) {
        try {
            Path services = Files.createDirectories(dir.resolve("META-INF/services"));
            Files.write(services.resolve(spi.getName()), List.of(classNames), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loader over {@code dir} whose parent is the test class loader. */
    static URLClassLoader over(Path dir) {
        try {
            return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ChildLoaders.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles an attention provider {@code hidden.HiddenAttention} named {@code test-hidden}
     * into {@code dir} and registers it there, so that only a loader over {@code dir} can
     * see the class at all. Skips the test where no Java compiler is available.
     */
    static void compileHiddenAttention(Path dir) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Assumptions.assumeTrue(javac != null, "no system Java compiler (running on a JRE?)");
        Path source = Files.createDirectories(dir.resolve("src/hidden")).resolve("HiddenAttention.java");
        Files.writeString(source, String.join("\n",
                "package hidden;",
                "import java.util.List;",
                "import java.util.random.RandomGenerator;",
                "import org.attn4j.api.config.OptionSpec;",
                "import org.attn4j.api.model.Attention;",
                "import org.attn4j.api.spi.AttentionProvider;",
                "import org.attn4j.api.spi.AttentionSpec;",
                "public final class HiddenAttention implements AttentionProvider {",
                "  public String name() { return \"test-hidden\"; }",
                "  public String description() { return \"compiled by the test\"; }",
                "  public List<OptionSpec> options() { return List.of(); }",
                "  public Attention create(AttentionSpec spec, RandomGenerator rng) {",
                "    throw new UnsupportedOperationException(\"test fixture\");",
                "  }",
                "}", ""));
        String api;
        try {
            api = Path.of(AttentionProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int rc = javac.run(null, null, null, "-classpath", api, "-d", classes.toString(), source.toString());
        if (rc != 0) {
            throw new IllegalStateException("javac failed with " + rc);
        }
        register(classes, AttentionProvider.class, "hidden.HiddenAttention");
    }
}
