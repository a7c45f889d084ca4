package dev.docserve.index.watch;

import dev.docserve.corpus.IndexRequest;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.loading.CandidateFile;
import dev.docserve.index.loading.FileWalker;
import dev.docserve.search.store.FileRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Compares a folder on disk with what is indexed of it by size and modification time alone (a walk
 * and a stat per file, no read): the files that are new, changed or gone. A catch-up on start and the
 * periodic rescan of a folder that cannot be watched use it to decide whether a run is needed at all;
 * the run then hashes only the files whose stat differs.
 */
final class ChangeScan {

    private ChangeScan() {
    }

    /** How many selected files differ between disk and index under the request's folder. */
    static int changedFiles(ProjectIndex index, IndexRequest request) throws IOException {
        Path folder = request.folder().toRealPath();
        Map<String, FileRecord> committed = index.committedFiles();
        Set<String> seen = new HashSet<>();
        int changed = 0;
        for (CandidateFile file : new FileWalker().walk(request).files()) {
            String key = index.keyOf(file.path());
            seen.add(key);
            FileRecord record = committed.get(key);
            if (record == null || !record.matchesStat(file.sizeBytes(), file.modifiedAt())) {
                changed++;
            }
        }
        for (FileRecord record : committed.values()) {
            if (Path.of(record.source()).startsWith(folder) && !seen.contains(record.path())) {
                changed++;
            }
        }
        return changed;
    }
}
