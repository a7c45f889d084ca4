package dev.docserve.eval;

import java.util.Objects;
import java.util.Optional;

/**
 * A question about a repository, with the labels used to split the scores.
 *
 * @param kind    doc, code or mixed (the file types of the answers); empty when the set has none
 * @param lexical whether the query names an identifier or exact term found in a judged file; empty when unlabelled
 */
public record RepoQuery(String id, String text, Optional<String> kind, Optional<Boolean> lexical) {

    public RepoQuery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(lexical, "lexical");
    }
}
