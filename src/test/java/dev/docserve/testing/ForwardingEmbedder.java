package dev.docserve.testing;

import dev.docserve.index.embedding.Embedder;
import dev.docserve.index.embedding.QueryFirstGate;
import dev.langchain4j.model.TokenCountEstimator;
import java.util.List;

/** An embedder that hands every call to another; tests override the one call they watch or hold. */
public abstract class ForwardingEmbedder implements Embedder {

    private final Embedder delegate;

    protected ForwardingEmbedder(Embedder delegate) {
        this.delegate = delegate;
    }

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
        return delegate.embedDocuments(texts);
    }

    @Override
    public float[] embedQuery(String text) {
        return delegate.embedQuery(text);
    }

    @Override
    public QueryFirstGate.Pass beginQuery() {
        return delegate.beginQuery();
    }
}
