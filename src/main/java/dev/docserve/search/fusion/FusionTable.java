package dev.docserve.search.fusion;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Collects per-doc contributions of both lists; shared by the fusion strategies. */
final class FusionTable {

    private static final class Row {
        double score;
        Double vector;
        Double bm25;
    }

    private final Map<Integer, Row> rows = new HashMap<>();

    void addVector(Candidate c, double contribution) {
        Row row = rows.computeIfAbsent(c.doc(), d -> new Row());
        row.vector = c.score();
        row.score += contribution;
    }

    void addBm25(Candidate c, double contribution) {
        Row row = rows.computeIfAbsent(c.doc(), d -> new Row());
        row.bm25 = c.score();
        row.score += contribution;
    }

    List<FusedCandidate> ranked(double scale) {
        List<FusedCandidate> out = new ArrayList<>(rows.size());
        rows.forEach((doc, row) -> out.add(new FusedCandidate(doc, Math.min(1.0, row.score * scale), row.vector, row.bm25)));
        out.sort(Comparator.comparingDouble(FusedCandidate::score).reversed().thenComparingInt(FusedCandidate::doc));
        return out;
    }
}
