package dev.docserve.search.fusion;

import dev.docserve.search.store.ScoredChunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects per-chunk contributions of both lists; shared by the fusion strategies. */
final class FusionTable {

    private static final class Row {
        final String path;
        final int ordinal;
        double score;
        Double vector;
        Double bm25;

        Row(ScoredChunk c) {
            this.path = c.path();
            this.ordinal = c.ordinal();
        }
    }

    private final Map<String, Row> rows = new HashMap<>();

    void addVector(ScoredChunk c, double contribution) {
        Row row = rows.computeIfAbsent(c.chunkId(), d -> new Row(c));
        row.vector = c.score();
        row.score += contribution;
    }

    void addBm25(ScoredChunk c, double contribution) {
        Row row = rows.computeIfAbsent(c.chunkId(), d -> new Row(c));
        row.bm25 = c.score();
        row.score += contribution;
    }

    /** The highest summed score so far; 0 for an empty table. */
    double bestScore() {
        return rows.values().stream().mapToDouble(row -> row.score).max().orElse(0);
    }

    List<FusedCandidate> ranked(double scale) {
        List<FusedCandidate> out = new ArrayList<>(rows.size());
        rows.forEach((id, row) -> out.add(new FusedCandidate(id, Math.min(1.0, row.score * scale), row.vector, row.bm25,
                row.path, row.ordinal)));
        out.sort(FusedCandidate.RANKING);
        return out;
    }
}
