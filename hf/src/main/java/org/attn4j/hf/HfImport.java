package org.attn4j.hf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.attn4j.api.ConfigurationException;
import org.attn4j.api.ModelFormatException;
import org.attn4j.hf.bert.BertImporter;
import org.attn4j.hf.marian.MarianImporter;

/**
 * Imports a Hugging Face model directory into an attn4j model directory, picking the importer
 * by {@code model_type}. The result is written into a hidden temporary directory beside
 * {@code out} and renamed into place only when complete: a failed import leaves nothing at
 * {@code out}.
 *
 * <pre>{@code
 * Path model = HfImport.importModel(Path.of("opus-mt-en-fr"), Path.of("models/en-fr"));
 * try (Translator t = Attn4j.load(model)) { ... }
 * Path bert = HfImport.importModel(Path.of("bert-base-uncased"), Path.of("models/bert"));
 * BertOutput out = BertEncoder.load(bert).encode(List.of("Is it raining?"));
 * }</pre>
 */
public final class HfImport {
    private static final List<HfImporter> IMPORTERS = List.of(new MarianImporter(), new BertImporter());

    private HfImport() {
    }

    /** The model types that can be imported. */
    public static List<String> modelTypes() {
        return IMPORTERS.stream().map(HfImporter::modelType).toList();
    }

    /**
     * Imports {@code from} into {@code out}, which must not exist or be an empty directory.
     *
     * @return {@code out}
     * @throws ConfigurationException if {@code out} is a file or a directory that is not empty
     * @throws ModelFormatException naming the file and key of whatever cannot be imported
     */
    public static Path importModel(Path from, Path out) {
        checkOut(out);
        try (HfCheckpoint checkpoint = HfCheckpoint.open(from)) {
            String type = checkpoint.modelType();
            HfImporter importer = IMPORTERS.stream().filter(i -> i.modelType().equals(type)).findFirst()
                    .orElseThrow(() -> new ModelFormatException(checkpoint.configFile() + ": model_type '" + type
                            + "' cannot be imported; attn4j imports " + modelTypes()));
            Path parent = out.toAbsolutePath().getParent();
            Path tmp;
            try {
                Files.createDirectories(parent);
                tmp = Files.createTempDirectory(parent, "." + out.getFileName() + ".import");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory beside " + out + ": " + e, e);
            }
            boolean done = false;
            try {
                importer.importTo(checkpoint, tmp);
                if (Files.isDirectory(out)) {
                    Files.delete(out); // empty, checked above
                }
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
                done = true;
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot move the imported model into " + out + ": " + e, e);
            } finally {
                if (!done) {
                    deleteQuietly(tmp);
                }
            }
        }
    }

    private static void checkOut(Path out) {
        if (Files.isRegularFile(out)) {
            throw new ConfigurationException(out + " is a file; give a new directory for the imported model");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new ConfigurationException(out + " is not empty; give a new directory for the imported model");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + out + ": " + e, e);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the temporary directory is hidden and named as such
                }
            });
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
