package dev.docserve.index;

import dev.docserve.index.chunking.DocumentChunker;
import dev.docserve.index.loading.CandidateFile;
import dev.docserve.index.loading.TextExtractor;
import dev.docserve.index.loading.UnreadableFileException;
import dev.docserve.search.store.FileRecord;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads, compares and chunks one file: everything an index run does before the model. Touches no
 * index state, so it can run on a read-ahead thread while the model embeds earlier files.
 */
final class FilePreparer {

    private final TextExtractor extractor = new TextExtractor();
    private final DocumentChunker chunker;
    private final Map<String, FileRecord> committed;
    private final Function<CandidateFile, String> keyOf;
    private final String settings;
    private final boolean reembed;

    /**
     * @param settings appended to a file's content hash to form its fingerprint (model, chunking, schema)
     * @param reembed  chunk and embed every file, even one whose fingerprint is unchanged ({@code force})
     */
    FilePreparer(DocumentChunker chunker, Map<String, FileRecord> committed, Function<CandidateFile, String> keyOf,
                 String settings, boolean reembed) {
        this.chunker = chunker;
        this.committed = committed;
        this.keyOf = keyOf;
        this.settings = settings;
        this.reembed = reembed;
    }

    String fingerprint(String contentHash) {
        return contentHash + settings;
    }

    PreparedFile prepare(CandidateFile file) {
        FileRecord previous = committed.get(keyOf.apply(file));
        if (!reembed && previous != null && file.modifiedAt() != null && previous.matchesStat(file.sizeBytes(), file.modifiedAt())
                && previous.fingerprint().endsWith(settings)) {
            // Same size and modification time as when indexed, same settings: not worth reading. This is
            // what makes a run over a large, mostly unchanged tree (a catch-up, a watched change) cheap.
            return new PreparedFile.Unchanged(file);
        }
        try {
            TextExtractor.RawFile raw = extractor.read(file);
            if (!reembed && previous != null && previous.fingerprint().equals(fingerprint(raw.sha256()))) {
                return file.modifiedAt() == null || previous.matchesStat(file.sizeBytes(), file.modifiedAt())
                        ? new PreparedFile.Unchanged(file) : new PreparedFile.Touched(file, previous);
            }
            var loaded = extractor.extract(file, raw);
            return new PreparedFile.Chunked(file, loaded, chunker.chunk(loaded));
        } catch (UnreadableFileException e) {
            return new PreparedFile.Unreadable(file, e.reason(), previous != null);
        }
    }
}
