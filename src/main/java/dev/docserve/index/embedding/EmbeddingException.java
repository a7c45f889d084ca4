package dev.docserve.index.embedding;

/** The embedding model could not be loaded or did not answer as expected (provider down, bad key, ...). */
public final class EmbeddingException extends RuntimeException {

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
