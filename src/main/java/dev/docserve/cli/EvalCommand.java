package dev.docserve.cli;

import dev.docserve.config.DocServeConfig;
import dev.docserve.config.EffectiveConfig;
import dev.docserve.eval.BeirCollection;
import dev.docserve.eval.FusionCandidatesFile;
import dev.docserve.eval.EngineCorpusIndexer;
import dev.docserve.eval.EvaluationReport;
import dev.docserve.eval.Evaluator;
import dev.docserve.eval.ReportJson;
import dev.docserve.eval.ReportTable;
import dev.docserve.index.IndexProgress;
import dev.docserve.json.FileTrees;
import dev.docserve.index.embedding.EmbedderChoice;
import dev.docserve.index.embedding.EmbedderFactory;
import dev.docserve.index.embedding.EmbeddingEnvironment;
import dev.docserve.search.FusionMethod;
import dev.docserve.search.SearchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code doc-serve eval --beir DIR}: indexes a BEIR-layout collection through the real indexing
 * pipeline into a temporary store, runs its judged queries through the real query path, and prints
 * nDCG@10, Recall@100 and MRR@10 per mode with indexing time and query latency.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Measure retrieval quality on a test collection: --beir DIR (corpus.jsonl, queries.jsonl, qrels/<split>.tsv)",
                "or --repo DIR (repo/, queries.jsonl, qrels/<split>.tsv judging files of repo/)."})
public class EvalCommand implements Callable<Integer> {

    @Option(names = "--beir", paramLabel = "DIR", description = "A BEIR-layout collection folder.")
    Path beir;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "A repository collection folder: DIR/repo is indexed with code, files are ranked by their best chunk.")
    Path repo;

    @Option(names = "--fusion", paramLabel = "METHOD", description = "Hybrid fusion, dbsf, minmax or rrf (default: the engine's).")
    String fusion;

    @Option(names = "--alpha", paramLabel = "WEIGHT", description = "Hybrid weight of the vector side, 0-1 (default: the engine's).")
    Double alpha;

    @Option(names = "--hybrid-variants", paramLabel = "FUSION:ALPHA,...", split = ",",
            description = "With --repo: also score hybrid with these fusion:alpha pairs (e.g. rrf:0.5,minmax:0.7), one index for all.")
    List<String> hybridVariants;

    @Option(names = "--embedding-cache", paramLabel = "DIR",
            description = "Reuse document vectors from earlier runs, keyed by model and exact text (evaluation only; off by default).")
    Path embeddingCache;

    @Option(names = "--test-weight", paramLabel = "WEIGHT",
            description = "With --repo: the factor on test files' scores when a query does not ask about tests, (0, 1]; 1 turns it off (default: the engine's).")
    Double testWeight;

    @Option(names = "--run-file", paramLabel = "FILE",
            description = "With --repo: also write each mode's ranked files per query to FILE as a TREC run (query Q0 path rank score mode).")
    Path runFile;

    @Option(names = "--candidates-file", paramLabel = "FILE",
            description = "Also write, per judged query, the raw vector and BM25 candidates hybrid fuses (JSON lines), to study fusion offline.")
    Path candidatesFile;

    @Option(names = "--split", defaultValue = "test", description = "Which qrels file to score (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = {"--search-mode", "--mode"}, paramLabel = "MODE", defaultValue = "all",
            description = "vector, bm25, hybrid or all (default: ${DEFAULT-VALUE}). --mode is the older name, kept for scripts.")
    String mode;

    @Option(names = "--model", paramLabel = "NAME", description = "Embedding model (default: the effective embedding_model setting).")
    String model;

    @Option(names = "--chunk-size", paramLabel = "TOKENS", description = "Chunk size in tokens (default: the effective chunk_size).")
    Integer chunkSize;

    @Option(names = "--chunk-overlap", paramLabel = "TOKENS", description = "Chunk overlap in tokens (default: the effective chunk_overlap).")
    Integer chunkOverlap;

    @Option(names = "--json", description = "Print one JSON document and nothing else on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if ((beir == null) == (repo == null)) {
            throw new CliException(ExitCodes.USAGE, "give exactly one of --beir DIR or --repo DIR");
        }
        if (repo != null) {
            return new RepoEvaluation(repo, split, mode, model, chunkSize, chunkOverlap, fusion, alpha, embeddingCache,
                    json, hybridVariants == null ? List.of() : hybridVariants, runFile, testWeight, candidatesFile).run();
        }
        return callBeir();
    }

    private Integer callBeir() throws Exception {
        List<String> modes = "all".equals(mode) ? List.of("vector", "bm25", "hybrid") : List.of(mode);
        if (!List.of("vector", "bm25", "hybrid").containsAll(modes)) {
            throw new CliException(ExitCodes.USAGE, "unknown mode '" + mode + "': use vector, bm25, hybrid or all");
        }
        BeirCollection collection;
        try {
            collection = BeirCollection.load(beir, split);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        Map<String, String> flags = new HashMap<>();
        if (model != null) {
            flags.put("doc-serve.embedding-model", model);
        }
        DocServeConfig config = EffectiveConfig.load(flags);
        EmbedderChoice embedder = new EmbedderFactory(EmbeddingEnvironment.fromSystem()).create(config.embeddingModel());
        PrintStream log = System.err;
        log.printf("evaluating %s (%s split: %d documents, %d judged queries) with %s%s%n", beir, split,
                collection.corpus().size(), collection.judgedQueries().size(), embedder.embedder().modelName(),
                embedder.fallbackReason().map(reason -> " (" + reason + ")").orElse(""));
        Path work = Files.createTempDirectory("doc-serve-eval");
        EvaluationReport report;
        try (EvalEmbedder evalEmbedder = EvalEmbedder.of(embedder.embedder(), embeddingCache);
             EngineCorpusIndexer indexer = new EngineCorpusIndexer(work, evalEmbedder.embedder(),
                chunkSize == null ? config.chunkSize() : chunkSize,
                chunkOverlap == null ? config.chunkOverlap() : chunkOverlap,
                modes, new ProgressLine(log)).withHybrid(fusionMethod(), alpha == null ? SearchRequest.DEFAULT_ALPHA : alpha)) {
            report = new Evaluator().indexAndEvaluate(collection, indexer);
            evalEmbedder.logHits(log);
            if (candidatesFile != null) {
                try (FusionCandidatesFile file = new FusionCandidatesFile(candidatesFile, EngineCorpusIndexer::documentIdOfPath)) {
                    for (dev.docserve.eval.Query query : collection.judgedQueries()) {
                        file.write(query.id(), false, indexer.candidates(query.text(), Evaluator.DEFAULT_DEPTH));
                    }
                }
                log.printf("wrote the candidates of %d queries to %s%n", collection.judgedQueries().size(), candidatesFile);
            }
        } finally {
            FileTrees.deleteTree(work);
        }
        System.out.print(json ? new ReportJson().write(report) + "\n" : new ReportTable().render(report) + "\n");
        return ExitCodes.OK;
    }

    private FusionMethod fusionMethod() {
        try {
            return fusion == null ? FusionMethod.DEFAULT : FusionMethod.fromWireName(fusion);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** Indexing progress on stderr, at most one line per ten percent. */
    static final class ProgressLine implements dev.docserve.index.IndexProgressListener {
        private final PrintStream out;
        private int lastDecile = -1;

        ProgressLine(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onProgress(IndexProgress progress) {
            int decile = progress.percent() / 10;
            if (decile != lastDecile) {
                lastDecile = decile;
                out.printf("indexing: %d%% (%d/%d files, %d chunks)%n", progress.percent(), progress.filesDone(),
                        progress.filesTotal(), progress.chunksDone());
            }
        }
    }
}
