package dev.docserve.project;

import dev.docserve.config.DocServeConfig;
import dev.docserve.index.embedding.EmbedderChoice;
import dev.docserve.index.embedding.EmbedderFactory;
import dev.docserve.index.embedding.EmbeddingEnvironment;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * The one embedding model every project of this process shares. Chosen at construction (settings and
 * environment decide) and loaded when first needed: the first query or index run that needs it waits
 * for the load (~1 s) and the log says so. An idle server that never embeds anything does not pay the
 * model's ~100 MiB. With {@code doc-serve.model.preload} it loads in the background once the server is
 * ready instead; either way the model never holds up readiness.
 */
@Singleton
public class SharedModel {

    private static final Logger LOG = Logger.getLogger(SharedModel.class);
    private static final Duration WARM_UP_WAIT = Duration.ofSeconds(60);

    private final EmbedderChoice choice;
    private final boolean preload;
    private volatile Thread warmUp;

    public SharedModel(DocServeConfig config) {
        this.choice = new EmbedderFactory(EmbeddingEnvironment.fromSystem().withTimeouts(config.embedding().documentTimeout(),
                config.embedding().queryTimeout()), config.model().idleUnload()).create(config.embeddingModel());
        this.preload = config.model().preload();
    }

    public EmbedderChoice choice() {
        return choice;
    }

    /** Starts loading the model on a background thread, when {@code doc-serve.model.preload} asks for it. */
    void warmUpInBackground() {
        if (!preload) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                choice.embedder().warmUp();
            } catch (RuntimeException | LinkageError e) {
                LOG.warnf("the embedding model could not be loaded ahead of use: %s", e);
            }
        }, "doc-serve-model-warm-up");
        thread.setDaemon(true);
        thread.start();
        this.warmUp = thread;
    }

    /**
     * A JVM that exits while the model is still being loaded in native code dies with SIGBUS (exit
     * 134, no cleanup): a stop right after a start waits for the load to end first.
     */
    void awaitWarmUp() {
        Thread loading = warmUp;
        if (loading == null || !loading.isAlive()) {
            return;
        }
        try {
            loading.join(WARM_UP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loading.isAlive()) {
            LOG.warnf("the embedding model is still loading after %d s; stopping anyway", WARM_UP_WAIT.toSeconds());
        }
    }
}
