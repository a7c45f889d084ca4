package dev.docserve.cli;

import dev.docserve.json.JsonValues;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a failure into one line on stderr that says what to do, never a stack trace. Exceptions
 * that carry an exit code ({@link CliException}) choose it; anything else is exit 1. Under
 * {@code --json} stdout also gets its one document: {@code {"error": ..., "exit_code": ...}}.
 * Free of picocli, so {@link QuickCommands} can report the same way without loading it.
 */
final class CliErrors {

    private CliErrors() {
    }

    /** Reports a command's failure and returns its exit code. */
    static int handle(Exception e, PrintWriter out, PrintWriter err, boolean json) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int exitCode = e instanceof CliException cli ? cli.exitCode() : ExitCodes.ERROR;
        report(out, err, message, exitCode, json);
        return exitCode;
    }

    static void report(PrintWriter out, PrintWriter err, String message, int exitCode, boolean json) {
        err.println("doc-serve: " + message);
        err.flush();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("error", message);
            doc.put("exit_code", exitCode);
            out.println(JsonValues.pretty(doc));
            out.flush();
        }
    }
}
