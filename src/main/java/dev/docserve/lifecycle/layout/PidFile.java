package dev.docserve.lifecycle.layout;

import dev.docserve.json.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The lock owner's PID as plain text, written right after the lock is taken. */
public final class PidFile {

    private PidFile() {
    }

    public static void write(Path file, long pid) {
        AtomicFiles.write(file, (pid + "\n").getBytes(StandardCharsets.US_ASCII), true);
    }

    /** Empty when the file is missing, empty or holds anything but a positive number. */
    public static OptionalLong read(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            long pid = Long.parseLong(text);
            return pid > 0 ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
