package dev.docserve.retrieval;

import dev.docserve.corpus.InvalidRequestException;
import dev.docserve.corpus.SourceType;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.loading.CandidateFile;
import dev.docserve.index.loading.TextExtractor;
import dev.docserve.index.loading.UnreadableFileException;
import dev.docserve.search.store.FileRecord;
import dev.docserve.search.store.StoredChunk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Opens indexed documents by path or chunk id, as line windows within a character budget.
 *
 * <p>Only files the index holds are served: the index decides what this server exposes (a file the
 * walker excludes, such as {@code .env}, stays unreadable here). Text comes from the file as it is now,
 * extracted as indexing extracts it (so a chunk's lines of an HTML or PDF file match); when its bytes no
 * longer hash to the indexed fingerprint the answer says so, and line numbers from an earlier search
 * may have moved. A chunk whose file vanished is answered from the chunk text the index stored.
 */
public final class DocumentReader {

    private final ProjectIndex index;
    private final TextExtractor extractor = new TextExtractor();

    public DocumentReader(ProjectIndex index) {
        this.index = index;
    }

    /**
     * @param path     relative to the project root (or absolute inside it)
     * @param fromLine first line, 1-based; null for 1
     * @param lines    how many lines at most; null for as many as the budget holds
     * @throws DocumentNotFoundException when the path is not an indexed file
     * @throws IllegalArgumentException  for out-of-range lines
     */
    public DocumentAnswer byPath(String path, Integer fromLine, Integer lines, int maxChars) throws IOException {
        FileRecord record = record(key(path));
        return window(record, null, fromLine == null ? 1 : fromLine, lines, maxChars, null);
    }

    /**
     * The chunk's lines as the file holds them now: from its first line, {@code lines} lines (default: the
     * chunk's own), unless {@code fromLine} moves the window.
     *
     * @throws DocumentNotFoundException when no committed chunk has this id
     */
    public DocumentAnswer byChunkId(String chunkId, Integer fromLine, Integer lines, int maxChars) throws IOException {
        if (chunkId == null || chunkId.isBlank()) {
            throw new InvalidRequestException("chunk_id must not be blank");
        }
        StoredChunk chunk = index.storedChunk(chunkId.strip()).orElseThrow(() -> new DocumentNotFoundException(
                "no indexed chunk has id " + chunkId.strip() + ": its file was re-indexed or removed since that search; "
                        + "search again for fresh ids, or get the file by path"));
        Optional<FileRecord> record = index.indexedFile(chunk.path());
        int from = fromLine == null ? Math.max(1, chunk.startLine()) : fromLine;
        int count = lines != null ? lines : Math.max(1, chunk.endLine() - Math.max(1, chunk.startLine()) + 1);
        if (record.isEmpty()) {
            throw new DocumentNotFoundException("the file of chunk " + chunkId + " (" + chunk.path() + ") is no longer indexed");
        }
        return window(record.get(), chunk, from, count, maxChars, chunk);
    }

    /** The committed record of an indexed file, by its index key. */
    FileRecord record(String key) throws IOException {
        return index.indexedFile(key).orElseThrow(() -> new DocumentNotFoundException(key
                + " is not an indexed file of " + index.projectRoot() + ": pass a path relative to the project root as "
                + "search results show it, list indexed files with multi_get and a glob, or index its folder first"));
    }

    /** The index key of a path given relative to the root or absolute inside it. */
    String key(String path) {
        if (path == null || path.isBlank()) {
            throw new InvalidRequestException("path must not be blank: pass a file path relative to the project root");
        }
        String trimmed = path.strip().replace('\\', '/');
        try {
            Path given = Path.of(trimmed);
            Path root = index.projectRoot();
            Path absolute = given.isAbsolute() ? given.normalize() : root.resolve(given).normalize();
            if (!absolute.startsWith(root)) {
                throw new InvalidRequestException("path " + path + " is outside the project " + root);
            }
            return root.relativize(absolute).toString().replace('\\', '/');
        } catch (InvalidPathException e) {
            throw new InvalidRequestException("path is not a valid path: " + e.getMessage());
        }
    }

    DocumentAnswer window(FileRecord record, StoredChunk chunk, int fromLine, Integer lines, int maxChars,
                          StoredChunk fallback) throws IOException {
        if (fromLine < 1) {
            throw new InvalidRequestException("from_line must be 1 or more, got " + fromLine);
        }
        if (lines != null && lines < 1) {
            throw new InvalidRequestException("lines must be 1 or more, got " + lines);
        }
        Current current = current(record);
        String text;
        String staleReason = current.staleReason();
        if (current.text() == null) {
            if (fallback == null) {
                throw new DocumentNotFoundException(record.path() + " was indexed but cannot be read now: " + staleReason
                        + "; re-index its folder");
            }
            // The file is gone: the chunk text the index stored is all there is; its lines start at the chunk's.
            text = fallback.text();
            fromLine = Math.max(1, fallback.startLine());
            return slice(record, chunk, splitLines(text), fromLine, fromLine, lines, maxChars, staleReason);
        }
        return slice(record, chunk, splitLines(current.text()), 1, fromLine, lines, maxChars, staleReason);
    }

    private DocumentAnswer slice(FileRecord record, StoredChunk chunk, List<String> all, int firstLineNumber, int fromLine,
                                 Integer lines, int maxChars, String staleReason) {
        int total = firstLineNumber - 1 + all.size();
        String path = record.path();
        String chunkId = chunk == null ? null : chunk.chunkId();
        boolean stale = staleReason != null;
        if (fromLine > Math.max(total, 1)) {
            throw new InvalidRequestException("from_line " + fromLine + " is beyond the end of " + path + " (" + total
                    + " lines)");
        }
        int last = lines == null ? total : Math.min(total, fromLine + lines - 1);
        // The header and warning are budgeted too: measure them with the widest numbers they can show.
        DocumentAnswer probe = new DocumentAnswer(path, chunkId, fromLine, last, total, "", true, total, stale, staleReason,
                record.indexedAt(), record.sourceType(), record.language());
        int free = maxChars - probe.header().length() - probe.warning().length() - 1;
        StringBuilder content = new StringBuilder();
        int line = fromLine;
        boolean cut = false;
        while (line <= last) {
            String next = all.get(line - firstLineNumber);
            int needed = next.length() + (content.length() == 0 ? 0 : 1);
            if (content.length() + needed > free) {
                if (content.length() == 0) {
                    content.append(Budgets.trim(next, Math.max(0, free)));
                    cut = true;
                    line++;
                }
                break;
            }
            if (content.length() > 0) {
                content.append('\n');
            }
            content.append(next);
            line++;
        }
        int toLine = line - 1;
        Integer nextFrom = cut ? Integer.valueOf(toLine) : line <= total ? Integer.valueOf(line) : null;
        if (cut && toLine >= total) {
            nextFrom = null;
        }
        boolean trimmed = cut || nextFrom != null;
        return new DocumentAnswer(path, chunkId, fromLine, toLine, total, content.toString(), trimmed, nextFrom, stale,
                staleReason, record.indexedAt(), record.sourceType(), record.language());
    }

    /** The file's text now and why it differs from the indexed one, if it does. */
    private Current current(FileRecord record) {
        Path file = Path.of(record.source());
        if (!Files.isRegularFile(file)) {
            return new Current(null, "the file is gone since it was indexed at " + record.indexedAt());
        }
        try {
            CandidateFile candidate = new CandidateFile(file, record.path(), SourceType.fromWireName(record.sourceType()),
                    record.language(), Files.size(file));
            TextExtractor.RawFile raw = extractor.read(candidate);
            String text = extractor.extract(candidate, raw).text();
            String reason = record.fingerprint().startsWith(raw.sha256()) ? null
                    : "the file changed since it was indexed at " + record.indexedAt()
                    + ": lines and chunk ids from earlier searches may be off; re-index to refresh them";
            return new Current(text, reason);
        } catch (UnreadableFileException e) {
            return new Current(null, e.getMessage());
        } catch (IOException e) {
            return new Current(null, "cannot read it: " + e.getMessage());
        }
    }

    static List<String> splitLines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return List.of(body.split("\r?\n", -1));
    }

    private record Current(String text, String staleReason) {
    }
}
