package dev.docserve.eval;

import java.util.List;

/**
 * The outcome of one evaluation run.
 *
 * @param collection     collection name (its directory name)
 * @param split          qrels split
 * @param documents      documents in the corpus
 * @param judgedQueries  queries evaluated (those with qrels), the denominator of every mean
 * @param depth          documents kept per query after pooling chunks
 * @param indexingMillis wall time of indexing as measured or given by the caller
 * @param modes          one result per retrieval mode, in the order the modes were given
 */
public record EvaluationReport(String collection, String split, int documents, int judgedQueries, int depth,
                               long indexingMillis, List<ModeResult> modes) {

    public EvaluationReport {
        modes = List.copyOf(modes);
    }
}
