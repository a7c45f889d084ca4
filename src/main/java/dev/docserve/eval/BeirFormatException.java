package dev.docserve.eval;

import java.io.IOException;
import java.nio.file.Path;

/** Malformed BEIR input. The message starts with {@code file:line:} like a compiler error. */
public final class BeirFormatException extends IOException {

    private final Path file;
    private final int line;

    public BeirFormatException(Path file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number. */
    public int line() {
        return line;
    }
}
