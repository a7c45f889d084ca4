package dev.docserve.testing;

import dev.docserve.index.embedding.Embedder;
import dev.docserve.index.embedding.EmbedderFactory;
import dev.docserve.index.embedding.EmbeddingEnvironment;
import dev.docserve.index.embedding.ModelCatalog;
import java.util.Map;

/** Embedders for tests; the real in-process model is loaded once per JVM. */
public final class TestEmbedders {

    private static Embedder bge;

    private TestEmbedders() {
    }

    /** The real default model (bge-small-en-v1.5, quantized), as the server runs it without a key. */
    public static synchronized Embedder bgeSmall() {
        if (bge == null) {
            bge = new EmbedderFactory(EmbeddingEnvironment.from(Map.of())).create(ModelCatalog.BGE_SMALL).embedder();
        }
        return bge;
    }
}
