package dev.docserve.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsers for the three BEIR files. Every error names the file and the 1-based line.
 * <ul>
 *   <li>{@code corpus.jsonl}: {@code {"_id", "title"?, "text"}} per line; ids unique.</li>
 *   <li>{@code queries.jsonl}: {@code {"_id", "text"}} per line; everything else (notably
 *       {@code metadata}, which may hold answers) is dropped.</li>
 *   <li>{@code qrels/<split>.tsv}: a header line, then {@code query-id TAB corpus-id TAB grade}
 *       with an integer grade; each (query, document) pair at most once.</li>
 * </ul>
 */
final class BeirFiles {

    private final JsonLines jsonLines = new JsonLines(new ObjectMapper());

    List<Document> readCorpus(Path file) throws IOException {
        List<Document> documents = new ArrayList<>();
        Map<String, Integer> lineById = new HashMap<>();
        jsonLines.read(file, (object, line) -> {
            String id = JsonLines.requiredText(object, "_id", file, line);
            rejectDuplicate(lineById, id, line, file, "document id " + id);
            documents.add(new Document(id,
                    JsonLines.optionalText(object, "title", file, line),
                    JsonLines.requiredText(object, "text", file, line)));
        });
        return documents;
    }

    List<Query> readQueries(Path file) throws IOException {
        List<Query> queries = new ArrayList<>();
        Map<String, Integer> lineById = new HashMap<>();
        jsonLines.read(file, (object, line) -> {
            String id = JsonLines.requiredText(object, "_id", file, line);
            rejectDuplicate(lineById, id, line, file, "query id " + id);
            queries.add(new Query(id, JsonLines.requiredText(object, "text", file, line)));
        });
        return queries;
    }

    /** Returns the qrels with, for each query, the line where it first appears (for error messages). */
    QrelsWithLines readQrels(Path file) throws IOException {
        Map<String, Map<String, Integer>> grades = new LinkedHashMap<>();
        Map<String, Integer> firstLineByQuery = new LinkedHashMap<>();
        Map<String, Integer> lineByPair = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank() || (line == 1 && isHeader(text))) {
                    continue;
                }
                String[] fields = text.split("\t", -1);
                if (fields.length != 3) {
                    throw new BeirFormatException(file, line, "expected 3 tab-separated fields"
                            + " (query-id, corpus-id, score), found " + fields.length);
                }
                String query = fields[0].strip();
                String document = fields[1].strip();
                if (query.isEmpty() || document.isEmpty()) {
                    throw new BeirFormatException(file, line, "empty query-id or corpus-id");
                }
                int grade = parseGrade(fields[2].strip(), file, line);
                rejectDuplicate(lineByPair, query + "\t" + document, line, file,
                        "judgement of query " + query + " for document " + document);
                firstLineByQuery.putIfAbsent(query, line);
                grades.computeIfAbsent(query, q -> new LinkedHashMap<>()).put(document, grade);
            }
        }
        return new QrelsWithLines(new Qrels(grades), firstLineByQuery);
    }

    record QrelsWithLines(Qrels qrels, Map<String, Integer> firstLineByQuery) {
    }

    /** BEIR writes {@code query-id corpus-id score}; any first line whose grade is not an integer is a header. */
    private static boolean isHeader(String firstLine) {
        String[] fields = firstLine.split("\t", -1);
        return fields.length != 3 || !fields[2].strip().matches("-?\\d+");
    }

    private static int parseGrade(String text, Path file, int line) throws BeirFormatException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new BeirFormatException(file, line, "score must be an integer grade, found \"" + text + "\"");
        }
    }

    private static void rejectDuplicate(Map<String, Integer> lineByKey, String key, int line, Path file,
                                        String duplicated) throws BeirFormatException {
        Integer earlier = lineByKey.putIfAbsent(key, line);
        if (earlier != null) {
            throw new BeirFormatException(file, line,
                    "duplicate " + duplicated + " (first on line " + earlier + ")");
        }
    }
}
