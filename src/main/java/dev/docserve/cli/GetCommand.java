package dev.docserve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code doc-serve get PATH[:LINE] [-l N]}: prints lines of an indexed document as the server reads it
 * now ({@code GET /documents}), warning on stderr when the file changed since it was indexed.
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Print an indexed document (or lines of it) by path, or a search hit by --chunk id.")
public class GetCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH[:LINE]",
            description = "File relative to the project root, optionally with the first line, e.g. docs/guide.md:40.")
    String target;

    @Option(names = "--chunk", paramLabel = "ID", description = "A chunk id from a search result, instead of PATH.")
    String chunkId;

    @Option(names = {"-l", "--lines"}, paramLabel = "N", description = "How many lines (default: the whole file, or the chunk).")
    Integer lines;

    @Option(names = "--max-chars", paramLabel = "N", description = "Character budget (default 12000).")
    Integer maxChars;

    @Override
    public Integer call() {
        if ((target == null) == (chunkId == null)) {
            throw new CliException(ExitCodes.USAGE, "give either PATH[:LINE] or --chunk ID");
        }
        StringBuilder query = new StringBuilder("/documents?");
        if (chunkId != null) {
            query.append("chunk_id=").append(encode(chunkId));
        } else {
            String path = target;
            int colon = target.lastIndexOf(':');
            if (colon > 0 && colon < target.length() - 1 && target.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                path = target.substring(0, colon);
                query.append("from_line=").append(target.substring(colon + 1)).append('&');
            }
            query.append("path=").append(encode(path));
        }
        if (lines != null) {
            query.append("&lines=").append(lines);
        }
        if (maxChars != null) {
            query.append("&max_chars=").append(maxChars);
        }
        JsonNode answer = ProjectServer.of(project).get(query.toString());
        if (project.json()) {
            project.out().printJson(answer);
            return ExitCodes.OK;
        }
        if (answer.path("stale").asBoolean()) {
            project.out().warn(answer.path("stale_reason").asText());
        }
        project.out().println(answer.path("content").asText());
        if (answer.hasNonNull("next_from_line")) {
            project.out().note(answer.path("path").asText() + " continues at line " + answer.path("next_from_line").asInt());
        }
        return ExitCodes.OK;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
