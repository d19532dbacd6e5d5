package org.attn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged cli/target/attn4j.jar in its own JVM, as a user would. */
class FatJarIT {
    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("attn4j.jar", "target/attn4j.jar"));
        assertThat(jar).as("the shaded jar is built in the package phase").exists();
    }

    @Test
    void javaDashJarScoresWithoutExtraJvmOptions() throws Exception {
        Path hyp = write("hyp.txt", "The dog bit the man.\nIt wasn't surprising.\nThe man had just bitten him.\n");
        Path ref1 = write("ref1.txt", "The dog bit the man.\nIt was not unexpected.\nThe man bit him first.\n");
        Path ref2 = write("ref2.txt", "The dog had bit the man.\nNo one was surprised.\nThe man had bitten the dog.\n");
        Result ok = run(List.of(java(), "-jar", jar.toString(), "score", "--hyp", hyp.toString(),
                "--ref", ref1.toString(), "--ref", ref2.toString()));
        assertThat(ok.code).isZero();
        assertThat(ok.out.strip().lines().reduce((a, b) -> b)).hasValue("48.530827");

        Result bad = run(List.of(java(), "-jar", jar.toString(), "score", "--hyp", hyp.toString(),
                "--ref", write("one.txt", "x\n").toString()));
        assertThat(bad.code).isEqualTo(1);
        assertThat(bad.err).contains("line counts differ");

        Result usage = run(List.of(java(), "-jar", jar.toString(), "score", "--hyp", hyp.toString(),
                "--ref", ref1.toString(), "--bogus"));
        assertThat(usage.code).isEqualTo(2);
        assertThat(usage.err).contains("Unknown option: '--bogus'");
    }

    @Test
    void launcherScriptFindsTheJarAndAddsTheVectorModule() throws Exception {
        Path launcher = Path.of("..", "bin", "attn4j").toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(launcher) && Files.isExecutable(Path.of("/bin/bash")),
                "needs bash and bin/attn4j");
        Path text = write("same.txt", "A man in an orange hat starring at something.\n");
        Result run = run(List.of("/bin/bash", launcher.toString(), "score", "--hyp", text.toString(),
                "--ref", text.toString(), "--score-only"));
        assertThat(run.code).isZero();
        assertThat(run.out.strip()).isEqualTo("100.000000");
        assertThat(run.err).contains("jdk.incubator.vector");
    }

    @Test
    void serviceFilesAreMergedSoDiscoveryWorksInsideTheJar() throws Exception {
        // jackson-core and jackson-dataformat-yaml both ship
        // META-INF/services/com.fasterxml.jackson.core.JsonFactory; a plain copy keeps one.
        String service = "META-INF/services/com.fasterxml.jackson.core.JsonFactory";
        try (JarFile jf = new JarFile(jar.toFile())) {
            assertThat(jf.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("org.attn4j.cli.Main");
            try (InputStream in = jf.getInputStream(jf.getEntry(service))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .contains("com.fasterxml.jackson.core.JsonFactory")
                        .contains("com.fasterxml.jackson.dataformat.yaml.YAMLFactory");
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> factory = Class.forName("com.fasterxml.jackson.core.JsonFactory", false, loader);
            List<String> found = new ArrayList<>();
            ServiceLoader.load(factory, loader).stream().forEach(p -> found.add(p.type().getName()));
            assertThat(found).contains("com.fasterxml.jackson.dataformat.yaml.YAMLFactory");
        }
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Result(int code, String out, String err) {
    }

    private Result run(List<String> command) throws Exception {
        Path out = dir.resolve("stdout");
        Path err = dir.resolve("stderr");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished in time: %s", command).isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
