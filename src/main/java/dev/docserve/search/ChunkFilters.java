package dev.docserve.search;

import dev.docserve.corpus.SourceType;
import dev.docserve.corpus.Glob;
import dev.docserve.search.store.ChunkFilter;
import java.util.Locale;

/**
 * Turns a request's filters into the backend-neutral {@link ChunkFilter} that both retrievers apply
 * while searching, so {@code top_k} results come back whenever that many chunks match — filtering after
 * retrieval would return fewer.
 */
final class ChunkFilters {

    private ChunkFilters() {
    }

    static ChunkFilter of(SearchRequest request) {
        return new ChunkFilter(
                request.sourceTypes().stream().map(t -> SourceType.fromWireName(t).wireName()).toList(),
                request.languages().stream().map(l -> l.trim().toLowerCase(Locale.ROOT)).toList(),
                request.filePaths().stream().map(g -> Glob.of(g).regex()).toList());
    }
}
