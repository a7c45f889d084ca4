package dev.docserve.cli;

import dev.docserve.config.DocServeConfig;
import dev.docserve.config.EffectiveConfig;
import dev.docserve.eval.FusionCandidatesFile;
import dev.docserve.eval.FileLevelEvaluator;
import dev.docserve.eval.FileModeResult;
import dev.docserve.eval.RepoCollection;
import dev.docserve.eval.RepoIndexer;
import dev.docserve.eval.RepoQuery;
import dev.docserve.eval.RepoReport;
import dev.docserve.eval.RepoReportJson;
import dev.docserve.eval.RepoReportTable;
import dev.docserve.index.embedding.EmbedderChoice;
import dev.docserve.index.embedding.EmbedderFactory;
import dev.docserve.index.embedding.EmbeddingEnvironment;
import dev.docserve.json.FileTrees;
import dev.docserve.search.FusionMethod;
import dev.docserve.search.SearchMode;
import dev.docserve.search.SearchRequest;
import dev.docserve.search.TestFilePrior;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code doc-serve eval --repo DIR}: file-level evaluation of the real engine over one repository. */
final class RepoEvaluation {

    private final Path dir;
    private final String split;
    private final String mode;
    private final String model;
    private final Integer chunkSize;
    private final Integer chunkOverlap;
    private final String fusion;
    private final Double alpha;
    private final Path embeddingCache;
    private final boolean json;
    private final List<String> hybridVariants;
    private final Path runFile;
    private final Double testWeight;
    private final Path candidatesFile;

    RepoEvaluation(Path dir, String split, String mode, String model, Integer chunkSize, Integer chunkOverlap,
                   String fusion, Double alpha, Path embeddingCache, boolean json, List<String> hybridVariants,
                   Path runFile, Double testWeight, Path candidatesFile) {
        this.candidatesFile = candidatesFile;
        this.testWeight = testWeight;
        this.hybridVariants = List.copyOf(hybridVariants);
        this.runFile = runFile;
        this.dir = dir;
        this.split = split;
        this.mode = mode;
        this.model = model;
        this.chunkSize = chunkSize;
        this.chunkOverlap = chunkOverlap;
        this.fusion = fusion;
        this.alpha = alpha;
        this.embeddingCache = embeddingCache;
        this.json = json;
    }

    int run() throws IOException {
        List<String> modes = "all".equals(mode) ? List.of("vector", "bm25", "hybrid") : List.of(mode);
        if (!List.of("vector", "bm25", "hybrid").containsAll(modes)) {
            throw new CliException(ExitCodes.USAGE, "unknown mode '" + mode + "': use vector, bm25, hybrid or all");
        }
        FusionMethod method;
        try {
            method = fusion == null ? FusionMethod.DEFAULT : FusionMethod.fromWireName(fusion);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        double weight = alpha == null ? SearchRequest.DEFAULT_ALPHA : alpha;
        if (!(weight >= 0 && weight <= 1)) {
            throw new CliException(ExitCodes.USAGE, "--alpha must be between 0 and 1, got " + weight);
        }
        TestFilePrior testPrior;
        try {
            testPrior = testWeight == null ? TestFilePrior.defaults() : new TestFilePrior(testWeight);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, "--test-weight: " + e.getMessage());
        }
        RepoCollection collection;
        try {
            collection = RepoCollection.load(dir, split);
        } catch (IOException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        Map<String, String> flags = new HashMap<>();
        if (model != null) {
            flags.put("doc-serve.embedding-model", model);
        }
        DocServeConfig config = EffectiveConfig.load(flags);
        EmbedderChoice choice = new EmbedderFactory(EmbeddingEnvironment.fromSystem()).create(config.embeddingModel());
        PrintStream log = System.err;
        log.printf("evaluating %s (%s split: %d judged queries) with %s%s%n", dir, split,
                collection.judgedQueries().size(), choice.embedder().modelName(),
                choice.fallbackReason().map(reason -> " (" + reason + ")").orElse(""));
        int size = chunkSize == null ? config.chunkSize() : chunkSize;
        int overlap = chunkOverlap == null ? config.chunkOverlap() : chunkOverlap;
        Path work = Files.createTempDirectory("doc-serve-eval");
        RepoReport report;
        try (EvalEmbedder embedder = EvalEmbedder.of(choice.embedder(), embeddingCache)) {
            long start = System.nanoTime();
            try (RepoIndexer indexer = RepoIndexer.index(collection.repo(), work, embedder.embedder(), size, overlap,
                    new EvalCommand.ProgressLine(log))) {
                long indexingMillis = (System.nanoTime() - start) / 1_000_000;
                embedder.logHits(log);
                FileLevelEvaluator evaluator = new FileLevelEvaluator();
                List<String> run = new ArrayList<>();
                List<FileModeResult> results = new ArrayList<>();
                for (String name : modes) {
                    results.add(evaluator.evaluate(name, indexer.retriever(SearchMode.fromWireName(name), method, weight, testPrior),
                            collection, run::add));
                }
                for (String variant : hybridVariants) {
                    String[] parts = variant.trim().split(":");
                    FusionMethod variantFusion;
                    double variantAlpha;
                    try {
                        variantFusion = FusionMethod.fromWireName(parts[0]);
                        variantAlpha = parts.length > 1 ? Double.parseDouble(parts[1]) : weight;
                    } catch (IllegalArgumentException e) {
                        throw new CliException(ExitCodes.USAGE, "bad --hybrid-variants entry '" + variant
                                + "': use FUSION:ALPHA, e.g. rrf:0.5");
                    }
                    results.add(evaluator.evaluate("hybrid " + variant.trim(),
                            indexer.retriever(SearchMode.HYBRID, variantFusion, variantAlpha, testPrior), collection,
                            run::add));
                }
                if (candidatesFile != null) {
                    try (FusionCandidatesFile file = new FusionCandidatesFile(candidatesFile, path -> path)) {
                        for (RepoQuery query : collection.judgedQueries()) {
                            SearchRequest asked = SearchRequest.of(query.text());
                            file.write(query.id(), testPrior.appliesTo(asked),
                                    indexer.candidates(query.text(), method, weight, testPrior));
                        }
                    }
                    log.printf("wrote the candidates of %d queries to %s%n", collection.judgedQueries().size(), candidatesFile);
                }
                if (runFile != null) {
                    Files.write(runFile, run);
                    log.printf("wrote %d ranked files to %s%n", run.size(), runFile);
                }
                Map<String, String> settings = new LinkedHashMap<>();
                settings.put("model", choice.embedder().modelName());
                settings.put("chunk_size", Integer.toString(indexer.report().effectiveChunkSize()));
                settings.put("chunk_overlap", Integer.toString(indexer.report().chunkOverlap()));
                settings.put("fusion", method.name().toLowerCase(java.util.Locale.ROOT));
                settings.put("alpha", Double.toString(weight));
                settings.put("test_weight", Double.toString(testPrior.weight()));
                report = new RepoReport(collection.name(), split, indexer.report().filesSelected(),
                        indexer.report().chunksIndexed(), collection.judgedQueries().size(), indexingMillis, settings,
                        indexer.chunksByLanguage(), results);
            }
        } finally {
            FileTrees.deleteTree(work);
        }
        System.out.print(json ? new RepoReportJson().write(report) + "\n" : new RepoReportTable().render(report) + "\n");
        return ExitCodes.OK;
    }
}
