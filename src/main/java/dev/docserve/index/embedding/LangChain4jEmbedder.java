package dev.docserve.index.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.docserve.memory.IdleMemory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
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
    /**
     * Every model call holds the read side; unloading takes the write side, so a session is never closed
     * under a call (a call on a closed ONNX session crashes the JVM rather than throwing).
     */
    private final ReentrantReadWriteLock modelUse = new ReentrantReadWriteLock();
    /** Unload an idle in-process model after this long unused; zero keeps it loaded. */
    private Duration idleUnload = Duration.ZERO;
    private volatile long lastUsed = System.nanoTime();
    private ScheduledExecutorService unloader;
    /** How often the model was loaded (guarded by this): more than once only after idle unloads. */
    private int loads;
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

    /**
     * Closes the model once it has not been used for {@code idle} (and loads it again when next needed), for
     * models that are {@link AutoCloseable} (the in-process ones). Why: an ONNX session keeps ~40 MiB of weights
     * and pre-packed kernels, and what its runs allocated stays in the C library's arenas; a project server
     * spends most of its life waiting. The price is paid by the first call after an unload, which loads the
     * model again (~0.3-1 s) and says so in the log.
     */
    LangChain4jEmbedder withIdleUnload(Duration idle) {
        this.idleUnload = idle == null || idle.isNegative() ? Duration.ZERO : idle;
        return this;
    }

    /** Whether the model is loaded now (it loads on first use and, with an idle unload, leaves when unused). */
    public boolean isLoaded() {
        return model != null;
    }

    @Override
    public String modelName() {
        return spec.name();
    }

    @Override
    public int dimension() {
        if (dimension <= 0) {
            dimension = useModel(EmbeddingModel::dimension);
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
        useModel(m -> m);
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
        List<Embedding> embeddings = call(() -> useModel(m -> m.embedAll(segments).content()));
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
            cached = unitLength(call(() -> queryModelFactory == null
                    ? useModel(m -> m.embed(spec.queryPrefix() + text).content())
                    : queryModel().embed(spec.queryPrefix() + text).content()).vector());
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
                    LOG.infof("loading the embedding model %s for its %s (on %s); this call waits for it", spec.name(),
                            loads == 0 ? "first use" : "first use since it was unloaded", Thread.currentThread().getName());
                    loads++;
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
                    lastUsed = System.nanoTime();
                    if (model instanceof AutoCloseable) {
                        scheduleUnloads();
                    }
                }
                m = model;
            }
        }
        return m;
    }

    /** Runs one model call with the model loaded, and marks the model used. */
    private <T> T useModel(Function<EmbeddingModel, T> work) {
        Lock lock = modelUse.readLock();
        lock.lock();
        try {
            return work.apply(model());
        } finally {
            lastUsed = System.nanoTime();
            lock.unlock();
        }
    }

    /** The unloader's check: closes the model if nothing used it for {@link #idleUnload} and no call holds it. */
    void unloadIfIdle() {
        long idleNanos = idleUnload.toNanos();
        if (model == null || idleNanos <= 0 || System.nanoTime() - lastUsed < idleNanos) {
            return;
        }
        Lock exclusive = modelUse.writeLock();
        if (!exclusive.tryLock()) {
            return; // in use right now: not idle
        }
        EmbeddingModel unloaded;
        try {
            unloaded = model;
            if (unloaded == null || System.nanoTime() - lastUsed < idleNanos) {
                return;
            }
            synchronized (this) {
                model = null;
            }
            if (unloaded instanceof AutoCloseable closeable) {
                closeable.close();
            }
        } catch (Exception e) {
            LOG.warnf("closing the idle embedding model %s: %s", spec.name(), e);
        } finally {
            exclusive.unlock();
        }
        LOG.infof("unloaded the embedding model %s after %d s unused; the next call that needs it loads it again",
                spec.name(), idleUnload.toSeconds());
        IdleMemory.settle("unloading " + spec.name());
    }

    private synchronized void scheduleUnloads() {
        if (unloader != null || idleUnload.isZero()) {
            return;
        }
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "doc-serve-model-idle");
            t.setDaemon(true);
            return t;
        });
        unloader = timer;
        timer.schedule(this::checkIdle, idleUnload.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Unloads the model if it is idle, then checks again at the moment it would next have been unused for
     * {@link #idleUnload}: the model leaves when its time is up, not up to a polling period later (a bench
     * sampling after 5 idle minutes sees it gone).
     */
    private void checkIdle() {
        try {
            unloadIfIdle();
        } catch (RuntimeException e) {
            LOG.warnf("unloading the idle embedding model %s: %s", spec.name(), e);
        }
        long untilIdleMillis = (idleUnload.toNanos() - (System.nanoTime() - lastUsed)) / 1_000_000;
        long next = model == null ? idleUnload.toMillis() : Math.max(100, untilIdleMillis);
        ScheduledExecutorService timer = unloader;
        if (timer != null && !timer.isShutdown()) {
            timer.schedule(this::checkIdle, next, TimeUnit.MILLISECONDS);
        }
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
