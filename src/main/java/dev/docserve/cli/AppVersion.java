package dev.docserve.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven stamped into {@code doc-serve-version.properties} at build time. */
final class AppVersion {

    private AppVersion() {
    }

    /** {@code doc-serve 1.2.3}, as {@code --version} prints it. */
    static String line() {
        return "doc-serve " + get();
    }

    static String get() {
        try (InputStream in = AppVersion.class.getResourceAsStream("/doc-serve-version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
