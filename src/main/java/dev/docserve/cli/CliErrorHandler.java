package dev.docserve.cli;

import dev.docserve.json.Json;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a failure into one line on stderr that says what to do, never a stack trace. Exceptions
 * that carry an exit code ({@link CliException}) choose it; anything else is exit 1. Under
 * {@code --json} stdout also gets its one document: {@code {"error": ..., "exit_code": ...}}.
 */
public class CliErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int exitCode = e instanceof CliException cli ? cli.exitCode() : ExitCodes.ERROR;
        ParseResult own = commandLine.getParseResult();
        report(commandLine, message, exitCode, own != null && own.hasMatchedOption("--json"));
        return exitCode;
    }

    static void report(CommandLine commandLine, String message, int exitCode, boolean json) {
        commandLine.getErr().println("doc-serve: " + message);
        commandLine.getErr().flush();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("error", message);
            doc.put("exit_code", exitCode);
            try {
                commandLine.getOut().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ignored) {
                // A map of two strings always serialises.
            }
            commandLine.getOut().flush();
        }
    }
}
