package dev.docserve.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A file-level test collection over one repository:
 * <pre>
 * DIR/repo/               the corpus, indexed as a project would be
 * DIR/queries.jsonl       {"_id", "text", "kind"?, "lexical"?} per line
 * DIR/qrels/&lt;split&gt;.tsv   query-id TAB path relative to repo/ TAB grade
 * </pre>
 * Every judged path must be a file under {@code repo/}: a typo in the qrels would otherwise score as
 * a miss forever.
 */
public record RepoCollection(String name, String split, Path repo, List<RepoQuery> queries, Qrels qrels) {

    public RepoCollection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(repo, "repo");
        queries = List.copyOf(queries);
        Objects.requireNonNull(qrels, "qrels");
    }

    /**
     * @throws NoSuchFileException when {@code repo/}, the queries or the qrels are missing
     * @throws BeirFormatException on malformed content or a judged file missing from {@code repo/}
     */
    public static RepoCollection load(Path dir, String split) throws IOException {
        Path repo = dir.resolve("repo");
        if (!Files.isDirectory(repo)) {
            throw new NoSuchFileException(repo.toString(), null,
                    "a repository collection needs the corpus in repo/, queries.jsonl and qrels/<split>.tsv");
        }
        Path qrelsFile = dir.resolve("qrels").resolve(split + ".tsv");
        if (!Files.isRegularFile(qrelsFile)) {
            throw new NoSuchFileException(qrelsFile.toString(), null, "no qrels for split \"" + split + "\"");
        }
        Path queriesFile = dir.resolve("queries.jsonl");
        List<RepoQuery> queries = readQueries(queriesFile);
        BeirFiles.QrelsWithLines judged = new BeirFiles().readQrels(qrelsFile);
        Set<String> known = new HashSet<>();
        queries.forEach(query -> known.add(query.id()));
        for (Map.Entry<String, Integer> first : judged.firstLineByQuery().entrySet()) {
            if (!known.contains(first.getKey())) {
                throw new BeirFormatException(qrelsFile, first.getValue(), "query " + first.getKey() + " is not in queries.jsonl");
            }
            for (String path : judged.qrels().gradesFor(first.getKey()).keySet()) {
                if (!Files.isRegularFile(repo.resolve(path))) {
                    throw new BeirFormatException(qrelsFile, first.getValue(),
                            "judged file " + path + " of query " + first.getKey() + " is not under " + repo);
                }
            }
        }
        Path fileName = dir.toAbsolutePath().normalize().getFileName();
        return new RepoCollection(fileName == null ? dir.toString() : fileName.toString(), split, repo, queries,
                judged.qrels());
    }

    /** The queries with at least one judgement, in {@code queries.jsonl} order. */
    public List<RepoQuery> judgedQueries() {
        Set<String> judged = qrels.judgedQueryIds();
        return queries.stream().filter(query -> judged.contains(query.id())).toList();
    }

    private static List<RepoQuery> readQueries(Path file) throws IOException {
        List<RepoQuery> queries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        new JsonLines(new ObjectMapper()).read(file, (object, line) -> {
            String id = JsonLines.requiredText(object, "_id", file, line);
            if (!ids.add(id)) {
                throw new BeirFormatException(file, line, "duplicate query id " + id);
            }
            String kind = JsonLines.optionalText(object, "kind", file, line);
            JsonNode lexical = object.get("lexical");
            if (lexical != null && !lexical.isNull() && !lexical.isBoolean()) {
                throw new BeirFormatException(file, line, "\"lexical\" must be true or false, found " + lexical);
            }
            queries.add(new RepoQuery(id, JsonLines.requiredText(object, "text", file, line),
                    kind.isEmpty() ? Optional.empty() : Optional.of(kind),
                    lexical == null || lexical.isNull() ? Optional.empty() : Optional.of(lexical.booleanValue())));
        });
        return queries;
    }
}
