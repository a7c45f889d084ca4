package dev.docserve.cli;

import dev.docserve.json.Json;
import dev.docserve.json.JsonValues;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a command's results go. With {@code --json} stdout carries exactly one JSON document and
 * nothing else; otherwise human text, with colour and aligned tables only when stdout is a
 * terminal (and {@code NO_COLOR} is unset), and plain tab-separated lines for pipes and scripts.
 * Notes and progress go to stderr, so they never mix with what a script parses.
 */
public final class Output {

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean terminal;
    private final boolean colour;

    public Output(PrintWriter out, PrintWriter err, boolean json, boolean terminal, boolean colour) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.terminal = terminal;
        this.colour = colour && terminal && !json;
    }

    /** For the real process: a terminal is when the JVM has a console. */
    public static Output forProcess(PrintWriter out, PrintWriter err, boolean json) {
        boolean terminal = System.console() != null;
        return new Output(out, err, json, terminal, System.getenv("NO_COLOR") == null);
    }

    public boolean json() {
        return json;
    }

    public boolean terminal() {
        return terminal;
    }

    /**
     * The one JSON document of a {@code --json} run. Maps and lists of plain values are written
     * without Jackson databind, which the quick commands never load; anything else goes through the mapper.
     */
    public void printJson(Object document) {
        try {
            out.println(JsonValues.isPlain(document) ? JsonValues.pretty(document)
                    : Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the result as JSON", e);
        }
    }

    /** A line of human output; ignored under {@code --json}. */
    public void println(String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }

    /** A note for the person at the terminal (progress, hints): stderr, and only on a terminal. */
    public void note(String line) {
        if (terminal && !json) {
            err.println(line);
            err.flush();
        }
    }

    /** A warning that everyone should see, scripts included: stderr. */
    public void warn(String line) {
        err.println("doc-serve: " + line);
        err.flush();
    }

    /**
     * Rows under a header: aligned columns with a bold header on a terminal, tab-separated lines
     * without a header otherwise (what {@code cut -f} and {@code awk -F'\t'} expect).
     */
    public void table(List<String> header, List<List<String>> rows) {
        if (json) {
            return;
        }
        for (String line : tableLines(header, rows, terminal, colour)) {
            out.println(line);
        }
        out.flush();
    }

    static List<String> tableLines(List<String> header, List<List<String>> rows, boolean aligned, boolean colour) {
        List<String> lines = new ArrayList<>();
        if (!aligned) {
            rows.forEach(row -> lines.add(String.join("\t", row)));
            return lines;
        }
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        String head = pad(header, widths);
        lines.add(colour ? Style.BOLD.apply(head, true) : head);
        rows.forEach(row -> lines.add(pad(row, widths)));
        return lines;
    }

    private static String pad(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        return line.toString();
    }

    /** {@code text} in the given style when colour is on, as is otherwise. */
    public String style(Style style, String text) {
        return style.apply(text, colour);
    }

    /** ANSI styles for terminal output. */
    public enum Style {
        BOLD("1"), GREEN("32"), RED("31"), YELLOW("33"), DIM("2");

        private final String code;

        Style(String code) {
            this.code = code;
        }

        String apply(String text, boolean enabled) {
            return enabled ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
        }
    }
}
