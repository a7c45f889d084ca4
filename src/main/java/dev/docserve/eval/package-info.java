/**
 * Retrieval-quality evaluation on test collections in the BEIR layout.
 *
 * <p>{@link dev.docserve.eval.BeirCollection} loads a collection; an
 * {@link dev.docserve.eval.Evaluator} sends each judged query's text to one
 * {@link dev.docserve.eval.Retriever} per mode, pools chunk hits per document
 * ({@link dev.docserve.eval.DocumentRanking}), scores them ({@link dev.docserve.eval.RankingMetrics})
 * and returns an {@link dev.docserve.eval.EvaluationReport}, printable with
 * {@link dev.docserve.eval.ReportTable} or {@link dev.docserve.eval.ReportJson}.
 *
 * <p>A command that evaluates the real engine only supplies the indexing step:
 * <pre>{@code
 * BeirCollection collection = BeirCollection.load(dir, "test");
 * EvaluationReport report = new Evaluator().indexAndEvaluate(collection, corpus -> {
 *     // index corpus (Document.id() as the document key, fullText() as content) into a temporary store
 *     Map<String, Retriever> modes = new LinkedHashMap<>();
 *     modes.put("bm25", (text, depth) -> store.bm25(text, depth));     // hits carry Document.id()
 *     modes.put("vector", (text, depth) -> store.vector(text, depth));
 *     modes.put("hybrid", (text, depth) -> store.hybrid(text, depth));
 *     return modes;
 * });
 * System.out.print(json ? new ReportJson().write(report) : new ReportTable().render(report));
 * }</pre>
 */
package dev.docserve.eval;
