package dev.docserve.index.embedding;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiTokenCountEstimator;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the embedder for a configured {@code embedding_model} name (contract §6):
 * OpenAI names use OpenAI when {@code OPENAI_API_KEY} is set, {@code ollama:<model>} uses Ollama,
 * the in-process names load an ONNX model from the classpath; anything else, and OpenAI names
 * without a key, fall back to the default in-process model with the reason recorded.
 *
 * <p>Nothing is loaded or contacted here: the returned embedder loads lazily.
 */
public final class EmbedderFactory {

    private final EmbeddingEnvironment environment;
    private final Duration inProcessIdleUnload;

    public EmbedderFactory(EmbeddingEnvironment environment) {
        this(environment, Duration.ZERO);
    }

    /**
     * @param inProcessIdleUnload how long an in-process model may stay unused before it is closed (and loaded
     *                            again when next needed); zero keeps it loaded. A server passes
     *                            {@code doc-serve.model.idle-unload}; the evaluation and the benchmark keep theirs.
     */
    public EmbedderFactory(EmbeddingEnvironment environment, Duration inProcessIdleUnload) {
        this.environment = environment;
        this.inProcessIdleUnload = inProcessIdleUnload;
    }

    public EmbedderChoice create(String configuredModel) {
        Optional<ModelSpec> spec = ModelCatalog.lookup(configuredModel);
        if (spec.isEmpty()) {
            return fallback(configuredModel, "unknown embedding model '" + configuredModel + "'");
        }
        return switch (spec.get().provider()) {
            case IN_PROCESS -> new EmbedderChoice(inProcess(spec.get()).withIdleUnload(inProcessIdleUnload), configuredModel,
                    Optional.empty());
            case OLLAMA -> new EmbedderChoice(ollama(spec.get()), configuredModel, Optional.empty());
            case OPENAI -> environment.openAiApiKey() == null
                    ? fallback(configuredModel, "OPENAI_API_KEY is not set")
                    : new EmbedderChoice(openAi(spec.get()), configuredModel, Optional.empty());
        };
    }

    private EmbedderChoice fallback(String configuredModel, String reason) {
        ModelSpec defaultSpec = ModelCatalog.lookup(ModelCatalog.DEFAULT_IN_PROCESS).orElseThrow();
        return new EmbedderChoice(inProcess(defaultSpec).withIdleUnload(inProcessIdleUnload), configuredModel,
                Optional.of(reason + "; using the in-process model " + defaultSpec.name()));
    }

    private static LangChain4jEmbedder inProcess(ModelSpec spec) {
        QueryFirstGate gate = QueryFirstGate.withDefaults();
        // The model embeds a batch one chunk per task on this executor; each task first yields to
        // searches in flight, so a query waits for at most the chunks already running, not a batch.
        Executor chunks = gate.yielding(embeddingThreads());
        // Both models use the bert-base-uncased WordPiece vocabulary, counted in Java (long texts are
        // counted, not capped). The model and tokenizer files are those of LangChain4j's artifacts
        // (BgeSmallEnV15QuantizedEmbeddingModel, AllMiniLmL6V2QuantizedEmbeddingModel), in a session
        // that gives memory back between batches.
        return new LangChain4jEmbedder(spec,
                ModelCatalog.BGE_SMALL.equals(spec.name())
                        ? () -> LeanOnnxModel.load("bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json",
                                PoolingMode.CLS, spec.dimension(), chunks)
                        : () -> LeanOnnxModel.load("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json",
                                PoolingMode.MEAN, spec.dimension(), chunks),
                WordPieceCounter::bertBaseUncased, gate);
    }

    /** As many threads as cores, like LangChain4j's own default, but daemon threads with a name. */
    private static ThreadPoolExecutor embeddingThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(cores, cores, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "doc-serve-embed-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private LangChain4jEmbedder openAi(ModelSpec spec) {
        return new LangChain4jEmbedder(spec,
                () -> openAiModel(spec, environment.timeout(), 2),
                // A remote model does not take the cores queries need: nothing to yield.
                () -> new OpenAiTokenCountEstimator(spec.name()), QueryFirstGate.never(), environment.openAiApiKey())
                .withQueryModel(() -> openAiModel(spec, environment.queryTimeout(), 0));
    }

    private OpenAiEmbeddingModel openAiModel(ModelSpec spec, java.time.Duration timeout, int retries) {
        return OpenAiEmbeddingModel.builder()
                .apiKey(environment.openAiApiKey())
                .baseUrl(environment.openAiBaseUrl())
                .modelName(spec.name())
                .timeout(timeout)
                .maxRetries(retries)
                .build();
    }

    private LangChain4jEmbedder ollama(ModelSpec spec) {
        String model = spec.name().substring(ModelCatalog.OLLAMA_PREFIX.length());
        // Ollama's tokenizers are not available locally; WordPiece counts are close to them for English.
        return new LangChain4jEmbedder(spec,
                () -> ollamaModel(model, environment.timeout(), 2),
                WordPieceCounter::bertBaseUncased, QueryFirstGate.withDefaults())
                .withQueryModel(() -> ollamaModel(model, environment.queryTimeout(), 0));
    }

    private OllamaEmbeddingModel ollamaModel(String model, java.time.Duration timeout, int retries) {
        return OllamaEmbeddingModel.builder()
                .baseUrl(environment.ollamaBaseUrl())
                .modelName(model)
                .timeout(timeout)
                .maxRetries(retries)
                .build();
    }
}
