package dev.docserve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code doc-serve query "<text>"}: ranked results with source, line range and scores. */
@Command(name = "query", mixinStandardHelpOptions = true, description = "Search the project's index.")
public class QueryCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Parameters(index = "0", paramLabel = "TEXT", description = "What to look for.")
    String text;

    @Option(names = {"--search-mode", "--mode"}, paramLabel = "MODE",
            description = "vector, bm25 or hybrid (default hybrid). --mode is the older name, kept for scripts.")
    String mode;

    @Option(names = {"-k", "--top-k"}, paramLabel = "N", description = "Results wanted, 1-50 (default 5).")
    Integer topK;

    @Option(names = "--threshold", paramLabel = "SCORE", description = "Hide results scoring below this (0-1).")
    Double threshold;

    @Option(names = "--alpha", description = "Hybrid weight of the vector side, 0-1 (default 0.5).")
    Double alpha;

    @Option(names = "--fusion", description = "Hybrid fusion: dbsf (default), minmax or rrf.")
    String fusion;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only doc, code or test chunks (repeatable).")
    List<String> types = new ArrayList<>();

    @Option(names = "--language", paramLabel = "LANG", description = "Only this language (repeatable).")
    List<String> languages = new ArrayList<>();

    @Option(names = "--file", paramLabel = "GLOB", description = "Only files matching this glob, relative to the project root (repeatable).")
    List<String> files = new ArrayList<>();

    @Option(names = "--max-chars", paramLabel = "N",
            description = "Answer within N characters: hits grouped by file, snippets trimmed to fit (200-200000).")
    Integer maxChars;

    @Option(names = "--offset", paramLabel = "N", description = "Start at this rank (paging; see next_offset).")
    Integer offset;

    @Option(names = "--files", description = "Print only the matching files' paths, best first, one per line (for piping).")
    boolean filesOnly;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", text);
        put(body, "mode", mode);
        put(body, "top_k", topK);
        put(body, "similarity_threshold", threshold);
        put(body, "alpha", alpha);
        put(body, "fusion", fusion);
        body.put("source_types", types);
        body.put("languages", languages);
        body.put("file_paths", files);
        put(body, "max_chars", maxChars);
        put(body, "offset", offset);
        if (filesOnly) {
            body.put("group_by_file", true);
        }
        JsonNode answer = ProjectServer.of(project).post("/query", body);
        if (project.json()) {
            project.out().printJson(answer);
            return ExitCodes.OK;
        }
        if (filesOnly) {
            answer.path("files").forEach(file -> project.out().println(file.path("path").asText()));
            return ExitCodes.OK;
        }
        if (maxChars != null) {
            // The budgeted text form, as an agent reads it through MCP.
            project.out().println(answer.path("text").asText().stripTrailing());
            return ExitCodes.OK;
        }
        int rank = 0;
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode hit : answer.path("results")) {
            JsonNode meta = hit.path("metadata");
            String where = meta.path("path").asText(hit.path("source").asText())
                    + (meta.hasNonNull("start_line") ? ":" + meta.path("start_line").asInt() + "-" + meta.path("end_line").asInt() : "");
            String label = meta.hasNonNull("symbol") ? meta.path("symbol").asText() : meta.path("heading").asText("");
            rows.add(List.of(String.valueOf(++rank), String.format("%.3f", hit.path("score").asDouble()), where,
                    scores(hit), label, firstLine(hit.path("text").asText())));
        }
        if (rows.isEmpty()) {
            project.out().note("no results; is the folder indexed? (doc-serve index DIR)");
        }
        project.out().table(List.of("#", "SCORE", "SOURCE", "VECTOR/BM25", "SECTION", "TEXT"), rows);
        project.out().note(String.format("%d results in %.1f ms", answer.path("total_results").asInt(),
                answer.path("query_time_ms").asDouble()));
        return ExitCodes.OK;
    }

    private static String scores(JsonNode hit) {
        String vector = hit.hasNonNull("vector_score") ? String.format("%.3f", hit.path("vector_score").asDouble()) : "-";
        String bm25 = hit.hasNonNull("bm25_score") ? String.format("%.2f", hit.path("bm25_score").asDouble()) : "-";
        return vector + "/" + bm25;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 77) + "..." : line;
    }

    private static void put(Map<String, Object> body, String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
