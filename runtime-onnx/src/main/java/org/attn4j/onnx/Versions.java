package org.attn4j.onnx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The attn4j version Maven wrote into {@code version.properties}, recorded in exported graphs. */
final class Versions {
    private Versions() {
    }

    static String attn4j() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version", "unknown");
    }
}
