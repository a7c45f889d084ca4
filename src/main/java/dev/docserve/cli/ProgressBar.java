package dev.docserve.cli;

/** One self-overwriting line on a terminal's stderr; nothing at all for pipes and --json. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final Output out;
    private String last = "";

    ProgressBar(Output out) {
        this.out = out;
    }

    void show(int percent, int filesDone, int filesTotal, int chunks) {
        if (!out.terminal() || out.json()) {
            return;
        }
        int filled = Math.max(0, Math.min(WIDTH, percent * WIDTH / 100));
        String line = String.format("\r[%s%s] %3d%%  files %d/%d  chunks %d", "#".repeat(filled),
                " ".repeat(WIDTH - filled), percent, filesDone, filesTotal, chunks);
        if (!line.equals(last)) {
            System.err.print(line);
            System.err.flush();
            last = line;
        }
    }

    void finish() {
        if (!last.isEmpty()) {
            System.err.println();
        }
    }
}
