package dev.docserve.eval;

import java.util.Objects;

/**
 * One corpus entry of a BEIR collection. Retrieval systems conventionally index
 * {@code title + " " + text} (BEIR, Anserini "flat", MTEB); {@link #fullText()} gives that.
 *
 * @param id    the {@code _id} the qrels refer to
 * @param title may be empty, never null
 * @param text  the body, never null
 */
public record Document(String id, String title, String text) {

    public Document {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
    }

    /** Title and text joined by one space, or just the text when there is no title. */
    public String fullText() {
        return title.isEmpty() ? text : title + " " + text;
    }
}
