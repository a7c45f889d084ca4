package dev.docserve.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docserve.search.ChunkSearcher;
import dev.docserve.search.store.ScoredChunk;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes what both retrievers handed hybrid fusion for each query, one JSON object per line:
 * {@code {"query": id, "test_prior": bool, "vector": [[doc, path, ordinal, score], ...], "bm25": [...]}},
 * raw scores best first. With it a fusion rule can be replayed over a whole collection in seconds instead of
 * re-indexing it, which is how the default fusion was chosen (docs/evaluation.md).
 */
public final class FusionCandidatesFile implements AutoCloseable {

    private final ObjectMapper mapper = new ObjectMapper();
    private final BufferedWriter out;
    private final Function<String, String> documentOfPath;

    /** @param documentOfPath the judged unit a chunk's path belongs to (a BEIR document id, a repository file) */
    public FusionCandidatesFile(Path file, Function<String, String> documentOfPath) throws IOException {
        this.out = Files.newBufferedWriter(file);
        this.documentOfPath = documentOfPath;
    }

    public void write(String queryId, boolean testPriorApplies, ChunkSearcher.Candidates candidates) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("query", queryId);
        line.put("test_prior", testPriorApplies);
        line.put("vector", rows(candidates.vector()));
        line.put("bm25", rows(candidates.bm25()));
        out.write(mapper.writeValueAsString(line));
        out.newLine();
    }

    private List<List<Object>> rows(List<ScoredChunk> hits) {
        return hits.stream()
                .map(c -> List.<Object>of(documentOfPath.apply(c.path()), c.path(), c.ordinal(), c.score()))
                .toList();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
