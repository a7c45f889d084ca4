package dev.docserve.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/**
 * The effective settings of one doc-serve process. Values come from, highest first: CLI flags
 * (system properties), {@code DOC_SERVE_*} environment variables, the project's
 * {@code config.json}, the shared home's {@code shared_config.json}, then the defaults below;
 * see {@link JsonFilesConfigSourceFactory} for how the two files join that chain.
 */
@ConfigMapping(prefix = "doc-serve")
public interface DocServeConfig {

    /** The folder to serve; unset means the project that holds the working directory. */
    Optional<String> projectRoot();

    /** The shared home ({@code DOC_SERVE_HOME}); unset means {@code ~/.doc-serve}. */
    Optional<String> home();

    /** {@code project} (one server per project) or {@code shared} (one daemon for many). */
    @WithDefault("project")
    String mode();

    @WithDefault("127.0.0.1")
    String bindHost();

    /** 0 lets the operating system pick a free port. */
    @WithDefault("0")
    int port();

    /** Relative to the state directory unless absolute. */
    @WithDefault("data")
    String dataDir();

    /** Relative to the state directory unless absolute. */
    @WithDefault("logs")
    String logDir();

    Optional<String> sharedServerUrl();

    @WithDefault("text-embedding-3-large")
    String embeddingModel();

    @WithDefault("512")
    int chunkSize();

    @WithDefault("50")
    int chunkOverlap();

    @WithDefault("2")
    int maxConcurrentIndexing();

    SelfCheck selfCheck();

    interface SelfCheck {
        /** How often the running server re-verifies its lock, runtime file and health. */
        @WithDefault("30s")
        Duration interval();

        /** How long a {@code /health} probe may take before the instance counts as not answering. */
        @WithDefault("2s")
        Duration healthTimeout();
    }
}
