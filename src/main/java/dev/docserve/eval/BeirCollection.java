package dev.docserve.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A test collection in the BEIR layout:
 * <pre>
 * DIR/corpus.jsonl
 * DIR/queries.jsonl
 * DIR/qrels/&lt;split&gt;.tsv     (test, dev, train, ...)
 * </pre>
 * File formats and their checks are described on {@link BeirFiles}. Every query id named in the
 * qrels must exist in {@code queries.jsonl}; qrels may name documents absent from the corpus (they
 * still count as relevant, as in trec_eval, so recall cannot reach 1 for such queries).
 *
 * @param name    the directory name, e.g. {@code scifact}
 * @param split   the qrels split that was loaded
 * @param corpus  documents in file order
 * @param queries all queries in file order, judged or not
 * @param qrels   judgements of the split
 */
public record BeirCollection(String name, String split, List<Document> corpus, List<Query> queries, Qrels qrels) {

    public static final String DEFAULT_SPLIT = "test";

    public BeirCollection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(split, "split");
        corpus = List.copyOf(corpus);
        queries = List.copyOf(queries);
        Objects.requireNonNull(qrels, "qrels");
    }

    /** Loads {@code dir} with the {@value #DEFAULT_SPLIT} split. */
    public static BeirCollection load(Path dir) throws IOException {
        return load(dir, DEFAULT_SPLIT);
    }

    /**
     * Loads {@code dir} with {@code qrels/<split>.tsv}.
     *
     * @throws BeirFormatException on malformed content, naming file and line
     * @throws NoSuchFileException when a file is missing; for qrels, the message lists the splits present
     */
    public static BeirCollection load(Path dir, String split) throws IOException {
        BeirFiles files = new BeirFiles();
        Path qrelsFile = dir.resolve("qrels").resolve(split + ".tsv");
        if (!Files.isRegularFile(qrelsFile)) {
            throw new NoSuchFileException(qrelsFile.toString(), null,
                    "no qrels for split \"" + split + "\"; splits present: " + splitsIn(dir.resolve("qrels")));
        }
        List<Document> corpus = files.readCorpus(dir.resolve("corpus.jsonl"));
        List<Query> queries = files.readQueries(dir.resolve("queries.jsonl"));
        BeirFiles.QrelsWithLines judged = files.readQrels(qrelsFile);
        requireKnownQueries(judged, queries, qrelsFile);
        Path fileName = dir.toAbsolutePath().normalize().getFileName();
        return new BeirCollection(fileName == null ? dir.toString() : fileName.toString(),
                split, corpus, queries, judged.qrels());
    }

    /** The queries with at least one judgement in this split, in {@code queries.jsonl} order. */
    public List<Query> judgedQueries() {
        Set<String> judged = qrels.judgedQueryIds();
        return queries.stream().filter(query -> judged.contains(query.id())).toList();
    }

    private static void requireKnownQueries(BeirFiles.QrelsWithLines judged, List<Query> queries, Path qrelsFile)
            throws BeirFormatException {
        Set<String> known = queries.stream().map(Query::id).collect(Collectors.toSet());
        for (Map.Entry<String, Integer> first : judged.firstLineByQuery().entrySet()) {
            if (!known.contains(first.getKey())) {
                throw new BeirFormatException(qrelsFile, first.getValue(),
                        "query " + first.getKey() + " is not in queries.jsonl");
            }
        }
    }

    private static String splitsIn(Path qrelsDir) throws IOException {
        if (!Files.isDirectory(qrelsDir)) {
            return "none (no " + qrelsDir + ")";
        }
        try (Stream<Path> files = Files.list(qrelsDir)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(fileName -> fileName.endsWith(".tsv"))
                    .map(fileName -> fileName.substring(0, fileName.length() - ".tsv".length()))
                    .sorted()
                    .collect(Collectors.joining(", "));
        }
    }
}
