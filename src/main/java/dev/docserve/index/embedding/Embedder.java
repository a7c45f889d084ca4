package dev.docserve.index.embedding;

import dev.langchain4j.model.TokenCountEstimator;
import java.util.List;

/**
 * Turns chunks and queries into unit-length vectors for one embedding model.
 *
 * <p>One instance is shared by every project of a process (the in-process models cost ~100 MB and a
 * second to load) and must be safe for concurrent use.
 */
public interface Embedder {

    /** The model's canonical name, recorded in every index built with it. */
    String modelName();

    /** Vector length; may contact the provider once if the model is not in {@link ModelCatalog}. */
    int dimension();

    /**
     * The most tokens of one input the model actually reads, special tokens excluded. Text beyond it is
     * silently dropped by the model, so chunks are never made larger than this.
     */
    int maxInputTokens();

    /** Counts tokens the way the model does (or as closely as a local tokenizer can). */
    TokenCountEstimator tokenCounter();

    /** Embeds document chunks (with the model's passage prefix, if it has one); vectors are unit length. */
    List<float[]> embedDocuments(List<String> texts);

    /** Embeds a query (with the model's query instruction, if it has one); the vector is unit length. */
    float[] embedQuery(String text);

    /**
     * Marks a search in flight until the pass is closed, so that document embedding yields the CPU
     * to it (see {@link QueryFirstGate}); a no-op for embedders that do not share the machine's cores.
     */
    default QueryFirstGate.Pass beginQuery() {
        return () -> { };
    }
}
