package dev.docserve.config;

import dev.docserve.lifecycle.layout.InstanceMode;
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
    InstanceMode mode();

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

    /** Time budgets of a remote embedding provider (OpenAI, Ollama); the in-process models have none. */
    Embedding embedding();

    interface Embedding {
        /** One provider request of an index run (a batch of chunks); retried twice. */
        @WithDefault("60s")
        Duration documentTimeout();

        /** One provider request embedding a query; not retried, then 503 saying to check the provider or use bm25. */
        @WithDefault("10s")
        Duration queryTimeout();
    }

    @WithDefault("512")
    int chunkSize();

    @WithDefault("50")
    int chunkOverlap();

    @WithDefault("2")
    int maxConcurrentIndexing();

    /**
     * The bearer token clients must send when the server is bound beyond loopback
     * ({@code DOC_SERVE_TOKEN}). Never logged.
     */
    Optional<String> token();

    /** A file holding the token ({@code DOC_SERVE_TOKEN_FILE}), e.g. a mounted secret; used when no token is set. */
    Optional<String> tokenFile();

    /** Lets a server bound beyond loopback run without a token ({@code DOC_SERVE_INSECURE=true}). */
    @WithDefault("false")
    boolean insecure();

    SelfCheck selfCheck();

    /** The embedding model: when it loads. */
    Model model();

    /**
     * How long {@code serve} may take from taking the lock to publishing {@code runtime.json}; past it the
     * server says so on stderr and exits instead of holding the project's lock unready. Two minutes: a start
     * takes ~2 s on a quiet machine and was seen at 40 s on two cores at load average 25.
     */
    @WithDefault("120s")
    Duration startTimeout();

    /**
     * Whether indexed folders are followed while the server runs ({@code DOC_SERVE_WATCH}, or
     * {@code "watch": false} in a project's {@code config.json}, which the shared daemon also reads per project).
     */
    @WithDefault("true")
    boolean watch();

    Freshness freshness();

    interface Freshness {
        /** Quiet time after the last change before a re-index starts. */
        @WithDefault("500ms")
        Duration debounce();

        /** The longest a change waits while changes keep coming. */
        @WithDefault("10s")
        Duration maxDelay();

        /** How often a folder that cannot be watched is rescanned instead. */
        @WithDefault("60s")
        Duration rescanInterval();

        /**
         * Fails directory watches beyond this many per project as the OS does at its inotify limit: a
         * seam to exercise the fallback; leave unset.
         */
        java.util.OptionalInt maxWatchedDirectories();
    }

    /**
     * Where chunks are stored: {@code lucene} (an embedded index in each project's data dir) or
     * {@code opensearch} (one index per project in the cluster at {@link OpenSearch#url()}).
     */
    @WithDefault("lucene")
    String storage();

    OpenSearch opensearch();

    interface OpenSearch {
        /** The cluster's HTTP address, e.g. {@code http://127.0.0.1:9200}; required with {@code storage: opensearch}. */
        Optional<String> url();

        /** Basic-auth user, when the cluster's security plugin requires one. */
        Optional<String> username();

        /** Basic-auth password. Never logged. */
        Optional<String> password();

        /** Index names are {@code <prefix>-<project_id>}, so several deployments can share one cluster. */
        @WithDefault("doc-serve")
        String indexPrefix();

        /**
         * How long a replica's write lease and its unfinished job records outlive their last renewal:
         * after a replica dies, its project can be indexed by another and its jobs read as interrupted
         * this long after. Long next to a commit interval (seconds), since a holder stalled longer loses
         * its lease.
         */
        @WithDefault("2m")
        Duration leaseTtl();

        /** How long opening a connection to the cluster may take. */
        @WithDefault("2s")
        Duration connectTimeout();

        /**
         * How long a search, count or manifest read may wait for the cluster's answer: a query against a
         * frozen cluster fails with 503 after this, instead of hanging.
         */
        @WithDefault("5s")
        Duration queryTimeout();

        /** How long one write request of an index run (a bulk of 250 chunks, a delete, a refresh) may take. */
        @WithDefault("30s")
        Duration writeTimeout();

        /** How often the cluster is checked in the background; readiness and {@code /health} answer from the last check. */
        @WithDefault("2s")
        Duration checkInterval();

        /** How many times an index run retries a commit the cluster did not take (0.5 s, 1 s, 2 s, ... apart). */
        @WithDefault("3")
        int writeRetries();
    }

    interface Model {
        /**
         * Load the model in the background as soon as the server is ready ({@code DOC_SERVE_MODEL_PRELOAD=true}),
         * instead of when the first vector or hybrid query or index run needs it. Off by default: an idle
         * server that never embeds anything costs ~100 MiB less, and the first use waits ~1 s once.
         */
        @WithDefault("false")
        boolean preload();

        /**
         * Close the in-process model after this long without an embedding call, and load it again when the
         * next index run or vector query needs it ({@code DOC_SERVE_MODEL_IDLE_UNLOAD}; {@code 0} keeps it
         * loaded). An idle server then costs what a fresh one does; the first call after an unload waits for
         * the load (~0.3-1 s) and the log says so. Five minutes, as Ollama keeps a model loaded by default:
         * long enough that an agent working in one repository rarely waits for a reload, short enough that
         * the servers of repositories nobody is working in cost what a fresh one does.
         */
        @WithDefault("5m")
        Duration idleUnload();
    }

    interface SelfCheck {
        /** How often the running server re-verifies its lock, runtime file and health. */
        @WithDefault("30s")
        Duration interval();

        /** How long a {@code /health} probe may take before the instance counts as not answering. */
        @WithDefault("2s")
        Duration healthTimeout();
    }
}
