package dev.docserve.testing;

import dev.docserve.index.embedding.Embedder;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import java.util.List;
import java.util.Locale;

/**
 * A deterministic bag-of-words embedder: fast, and similar texts get similar vectors. For tests that
 * are about bookkeeping (model names, crash recovery), not about ranking quality.
 */
public final class FakeEmbedder implements Embedder {

    private static final TokenCountEstimator TOKENS = new HuggingFaceTokenCountEstimator();

    private final String name;
    private final int dimension;

    public FakeEmbedder(String name, int dimension) {
        this.name = name;
        this.dimension = dimension;
    }

    @Override
    public String modelName() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int maxInputTokens() {
        return 510;
    }

    @Override
    public TokenCountEstimator tokenCounter() {
        return TOKENS;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        return texts.stream().map(this::embed).toList();
    }

    @Override
    public float[] embedQuery(String text) {
        return embed(text);
    }

    private float[] embed(String text) {
        float[] v = new float[dimension];
        v[0] = 0.01f;
        for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
            if (!word.isEmpty()) {
                v[Math.floorMod(word.hashCode(), dimension)] += 1;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
