package dev.docserve.search.store;

import java.util.List;

/**
 * Restricts retrieval to chunks whose fields match: within each list any value may match, and every
 * non-empty list must match. Empty lists do not restrict.
 *
 * @param sourceTypes wire names (doc, code, test)
 * @param languages   lower-case language names
 * @param pathRegexes regular expressions over the relative path in the syntax both
 *                    {@link java.util.regex.Pattern} and Lucene's {@code RegExp} (OpenSearch's
 *                    {@code regexp} query) read the same way, see {@code Glob}
 */
public record ChunkFilter(List<String> sourceTypes, List<String> languages, List<String> pathRegexes) {

    public static final ChunkFilter NONE = new ChunkFilter(List.of(), List.of(), List.of());

    public ChunkFilter {
        sourceTypes = List.copyOf(sourceTypes);
        languages = List.copyOf(languages);
        pathRegexes = List.copyOf(pathRegexes);
    }
}
