package dev.docserve.search;

/**
 * The index was built with another embedding model (or dimension) than the one configured now.
 * Comparing vectors of two models gives meaningless rankings, so the query is refused (HTTP 409).
 */
public final class ModelMismatchException extends RuntimeException {

    private final String indexedModel;
    private final int indexedDimension;
    private final String configuredModel;
    private final int configuredDimension;

    public ModelMismatchException(String indexedModel, int indexedDimension, String configuredModel, int configuredDimension) {
        super("the index was built with embedding model " + indexedModel + " (" + indexedDimension
                + " dimensions) but the server now uses " + configuredModel + " (" + configuredDimension
                + " dimensions); rebuild the index with POST /index and \"rebuild\": true (CLI: doc-serve index --rebuild),"
                + " or set embedding_model back to " + indexedModel);
        this.indexedModel = indexedModel;
        this.indexedDimension = indexedDimension;
        this.configuredModel = configuredModel;
        this.configuredDimension = configuredDimension;
    }

    public String indexedModel() {
        return indexedModel;
    }

    public int indexedDimension() {
        return indexedDimension;
    }

    public String configuredModel() {
        return configuredModel;
    }

    public int configuredDimension() {
        return configuredDimension;
    }
}
