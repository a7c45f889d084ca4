package dev.docserve.retrieval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * Several documents within one budget, and what was left out.
 *
 * @param documents     the documents returned, in the order asked (a glob: by path); the last may be cut
 * @param omitted       what was asked for but not returned, and why
 * @param omittedCount  how many were left out (the list names at most {@link MultiDocumentReader#MAX_OMITTED_LISTED})
 * @param maxChars      the budget the text form keeps within
 * @param chars         characters of the text form
 * @param text          the text form: each document's header, warning and lines, then what was left out
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MultiGetAnswer(List<DocumentAnswer> documents, List<Omitted> omitted, int omittedCount, int maxChars,
                             int chars, String text) {

    /**
     * @param path   as asked (or matched)
     * @param reason "budget" (did not fit: get it on its own), "not_indexed", "unreadable"
     * @param detail a sentence for a person or an agent
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Omitted(String path, String reason, String detail) {
    }
}
