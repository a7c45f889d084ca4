package dev.docserve.search;

import dev.docserve.corpus.InvalidRequestException;

import java.util.Locale;

/** How candidates are found: by meaning, by keywords, or both fused. */
public enum SearchMode {
    VECTOR,
    BM25,
    HYBRID;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SearchMode fromWireName(String name) {
        for (SearchMode mode : values()) {
            if (mode.wireName().equalsIgnoreCase(name.trim())) {
                return mode;
            }
        }
        throw new InvalidRequestException("unknown mode '" + name + "': use vector, bm25 or hybrid");
    }
}
