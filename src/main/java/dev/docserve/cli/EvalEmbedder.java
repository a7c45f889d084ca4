package dev.docserve.cli;

import dev.docserve.eval.CachingEmbedder;
import dev.docserve.index.embedding.Embedder;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** The embedder an evaluation uses: the model itself, or the model behind {@code --embedding-cache}. */
final class EvalEmbedder implements AutoCloseable {

    private final Embedder model;
    private final CachingEmbedder cache;

    private EvalEmbedder(Embedder model, CachingEmbedder cache) {
        this.model = model;
        this.cache = cache;
    }

    static EvalEmbedder of(Embedder model, Path cacheDir) throws IOException {
        return new EvalEmbedder(model, cacheDir == null ? null : CachingEmbedder.open(model, cacheDir));
    }

    Embedder embedder() {
        return cache == null ? model : cache;
    }

    void logHits(PrintStream log) {
        if (cache != null) {
            log.println("embedding cache: " + cache.hitRate() + " chunk texts reused");
        }
    }

    @Override
    public void close() throws IOException {
        if (cache != null) {
            cache.close();
        }
    }
}
