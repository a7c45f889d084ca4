package dev.docserve.index;

import dev.docserve.index.chunking.Chunk;
import dev.docserve.index.loading.CandidateFile;
import dev.docserve.index.loading.LoadedFile;
import dev.docserve.index.loading.SkipReason;
import java.util.List;

/** What reading one file produced, ahead of the embedding step. */
sealed interface PreparedFile {

    CandidateFile file();

    /** Content and settings match the committed record: nothing to do. */
    record Unchanged(CandidateFile file) implements PreparedFile {
    }

    /** Same content and settings, but the file's size or time moved (rewritten with the same bytes): refresh its record. */
    record Touched(CandidateFile file, dev.docserve.search.store.FileRecord previous) implements PreparedFile {
    }

    /** Could not be read or parsed; {@code wasIndexed} says whether stale chunks must be removed. */
    record Unreadable(CandidateFile file, SkipReason reason, boolean wasIndexed) implements PreparedFile {
    }

    /** New or changed, chunked and ready to embed. */
    record Chunked(CandidateFile file, LoadedFile loaded, List<Chunk> chunks) implements PreparedFile {
    }
}
