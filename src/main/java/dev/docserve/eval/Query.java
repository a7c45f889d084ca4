package dev.docserve.eval;

import java.util.Objects;

/**
 * A test query. Only the text is kept: BEIR query files may carry answers in
 * {@code metadata} (SciFact does), and nothing but the text may reach a retriever.
 */
public record Query(String id, String text) {

    public Query {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
    }
}
