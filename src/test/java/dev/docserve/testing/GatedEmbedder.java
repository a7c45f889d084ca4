package dev.docserve.testing;

import dev.docserve.index.embedding.Embedder;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Blocks every document embedding call until the gate opens, after counting down {@code reached}:
 * holds an index job in its running state for as long as a test needs.
 */
public record GatedEmbedder(Embedder delegate, CountDownLatch reached, CountDownLatch gate) implements Embedder {

    @Override
    public String modelName() {
        return delegate.modelName();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public int maxInputTokens() {
        return delegate.maxInputTokens();
    }

    @Override
    public TokenCountEstimator tokenCounter() {
        return delegate.tokenCounter();
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        reached.countDown();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return delegate.embedDocuments(texts);
    }

    @Override
    public float[] embedQuery(String text) {
        return delegate.embedQuery(text);
    }
}
