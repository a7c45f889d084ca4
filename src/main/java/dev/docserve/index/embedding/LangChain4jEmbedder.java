package dev.docserve.index.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.docserve.memory.IdleMemory;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import java.util.function.Supplier;

/**
 * An {@link Embedder} over a LangChain4j {@link EmbeddingModel} that is created on first use, so that
 * constructing one (at startup) is cheap and loading the ONNX model or contacting a provider happens
 * off the readiness path — call {@link #warmUp()} from a background thread to pay that cost early.
 */
public final class LangChain4jEmbedder implements Embedder {

    static final int QUERY_CACHE_SIZE = 256;
    private static final Logger LOG = Logger.getLogger(LangChain4jEmbedder.class);

    private final ModelSpec spec;
    private final Supplier<EmbeddingModel> modelFactory;
    private final Supplier<TokenCountEstimator> tokenCounterFactory;
    private final QueryFirstGate gate;
    private final String secret;
    private volatile EmbeddingModel model;
    /** A remote provider's client for queries, with a budget that fits a waiting caller; null: {@link #model}. */
    private Supplier<EmbeddingModel> queryModelFactory;
    private volatile EmbeddingModel queryModel;
    private volatile TokenCountEstimator tokenCounter;
    private volatile int dimension;
    /** Agents repeat and refine queries; a hit saves a model call (milliseconds in-process, a round trip remote). */
    private final Map<String, float[]> recentQueries = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                    return size() > QUERY_CACHE_SIZE;
                }
            });

    /**
     * @param gate where searches mark themselves in flight; document embedding yields to them before
     *             each model call (the in-process models' executor also yields before each chunk)
     */
    public LangChain4jEmbedder(ModelSpec spec, Supplier<EmbeddingModel> modelFactory,
                               Supplier<TokenCountEstimator> tokenCounterFactory, QueryFirstGate gate) {
        this(spec, modelFactory, tokenCounterFactory, gate, null);
    }

    /**
     * @param secret the provider credential, or null; a provider or proxy may echo it in an error
     *               body, so it is cut out of every provider failure before the message goes on
     */
    public LangChain4jEmbedder(ModelSpec spec, Supplier<EmbeddingModel> modelFactory,
                               Supplier<TokenCountEstimator> tokenCounterFactory, QueryFirstGate gate, String secret) {
        this.spec = spec;
        this.modelFactory = modelFactory;
        this.tokenCounterFactory = tokenCounterFactory;
        this.gate = gate;
        this.secret = secret == null || secret.isBlank() ? null : secret;
        this.dimension = spec.dimension();
    }

    /**
     * Embeds queries with a second client of the same provider and model (same vectors), built with a
     * shorter time budget and no retries; documents keep the batch budget.
     */
    LangChain4jEmbedder withQueryModel(Supplier<EmbeddingModel> factory) {
        this.queryModelFactory = factory;
        return this;
    }

    @Override
    public String modelName() {
        return spec.name();
    }

    @Override
    public int dimension() {
        if (dimension <= 0) {
            dimension = model().dimension();
        }
        return dimension;
    }

    @Override
    public int maxInputTokens() {
        return spec.maxInputTokens();
    }

    public ModelSpec spec() {
        return spec;
    }

    /** Loads the model (and tokenizer) now; idempotent and thread-safe. */
    public void warmUp() {
        model();
        tokenCounter();
    }

    @Override
    public TokenCountEstimator tokenCounter() {
        TokenCountEstimator counter = tokenCounter;
        if (counter == null) {
            synchronized (this) {
                if (tokenCounter == null) {
                    tokenCounter = tokenCounterFactory.get();
                }
                counter = tokenCounter;
            }
        }
        return counter;
    }

    @Override
    public List<float[]> embedDocuments(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<TextSegment> segments = texts.stream().map(t -> TextSegment.from(spec.documentPrefix() + t)).toList();
        gate.yieldToQueries();
        List<Embedding> embeddings = call(() -> model().embedAll(segments).content());
        if (embeddings.size() != texts.size()) {
            throw new EmbeddingException(spec.name() + " returned " + embeddings.size() + " vectors for "
                    + texts.size() + " inputs");
        }
        return embeddings.stream().map(e -> unitLength(e.vector())).toList();
    }

    @Override
    public float[] embedQuery(String text) {
        float[] cached = recentQueries.get(text);
        if (cached == null) {
            cached = unitLength(call(() -> queryModel().embed(spec.queryPrefix() + text).content()).vector());
            recentQueries.put(text, cached);
        }
        return cached.clone();
    }

    private <T> T call(Supplier<T> providerCall) {
        try {
            return providerCall.get();
        } catch (EmbeddingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(spec.name() + " failed", e);
        }
    }

    /**
     * With a secret, the cause is dropped rather than chained: its message and those of its own causes
     * may hold the echoed secret, and a logged stack trace prints every one of them.
     */
    private EmbeddingException failure(String what, RuntimeException e) {
        String message = what + ": " + e.getMessage();
        if (secret == null) {
            return new EmbeddingException(message, e);
        }
        return new EmbeddingException(message.replace(secret, "[redacted]") + " (" + e.getClass().getSimpleName() + ")");
    }

    @Override
    public QueryFirstGate.Pass beginQuery() {
        return gate.beginQuery();
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) {
                    long started = System.nanoTime();
                    // Loaded on first use, not at start: whoever needs it first waits, and the log says why.
                    LOG.infof("loading the embedding model %s for its first use (on %s); this call waits for it",
                            spec.name(), Thread.currentThread().getName());
                    try {
                        model = modelFactory.get();
                    } catch (RuntimeException e) {
                        throw failure("cannot load embedding model " + spec.name(), e);
                    }
                    LOG.infof("embedding model %s loaded in %d ms", spec.name(), (System.nanoTime() - started) / 1_000_000);
                    if (spec.provider() == ModelSpec.Provider.IN_PROCESS) {
                        // Reading the model file grew the heap by its size; give that back.
                        IdleMemory.settle("loading " + spec.name());
                    }
                }
                m = model;
            }
        }
        return m;
    }

    private EmbeddingModel queryModel() {
        if (queryModelFactory == null) {
            return model();
        }
        EmbeddingModel m = queryModel;
        if (m == null) {
            synchronized (this) {
                if (queryModel == null) {
                    try {
                        queryModel = queryModelFactory.get();
                    } catch (RuntimeException e) {
                        throw failure("cannot create the query client of embedding model " + spec.name(), e);
                    }
                }
                m = queryModel;
            }
        }
        return m;
    }

    /**
     * Scales a vector to length 1 so the index can rank by dot product (Lucene's fastest similarity,
     * equal to cosine on unit vectors). OpenAI vectors already are; Ollama's need not be.
     */
    static float[] unitLength(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        if (sum == 0) {
            throw new EmbeddingException("the model returned a zero vector");
        }
        float norm = (float) Math.sqrt(sum);
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = vector[i] / norm;
        }
        return out;
    }
}
