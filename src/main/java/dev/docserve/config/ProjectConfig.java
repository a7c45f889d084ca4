package dev.docserve.config;

import dev.docserve.lifecycle.layout.InstanceMode;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A project's {@code config.json}: every key optional, written by {@code doc-serve init} and never
 * by the server. Missing keys take the documented defaults. {@code watch: false} stops the server
 * (project mode, or the shared daemon for this project) from following the project's files.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProjectConfig(
        String mode,
        String bindHost,
        Integer port,
        String dataDir,
        String logDir,
        String sharedServerUrl,
        Boolean watch) {

    /** Without {@code watch} (followed by default). */
    public ProjectConfig(String mode, String bindHost, Integer port, String dataDir, String logDir, String sharedServerUrl) {
        this(mode, bindHost, port, dataDir, logDir, sharedServerUrl, null);
    }

    public static final String DEFAULT_MODE = InstanceMode.PROJECT.wireName();
    public static final String DEFAULT_BIND_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 0;
    public static final String DEFAULT_DATA_DIR = "data";
    public static final String DEFAULT_LOG_DIR = "logs";
    public static final boolean DEFAULT_WATCH = true;

    /** Every key with its documented default, as {@code doc-serve init} writes them. */
    public static ProjectConfig defaults() {
        return new ProjectConfig(DEFAULT_MODE, DEFAULT_BIND_HOST, DEFAULT_PORT, DEFAULT_DATA_DIR, DEFAULT_LOG_DIR, null,
                DEFAULT_WATCH);
    }
}
