package dev.docserve.config;

import java.nio.file.Path;

/** A config file that cannot be used; the message names the file, the line and the key. */
public class InvalidConfigFileException extends RuntimeException {

    public InvalidConfigFileException(Path file, String detail) {
        super(file + ": " + detail);
    }
}
