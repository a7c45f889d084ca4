package dev.docserve.lifecycle.layout;

import dev.docserve.json.AtomicFiles;
import dev.docserve.json.JsonValues;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@code runtime.json}. Writes are atomic and owner-only. A reader that meets a
 * {@code schema_version} it does not know refuses the file instead of guessing.
 *
 * <p>Reading maps the fields by hand on {@link JsonValues} instead of Jackson databind: every CLI
 * command reads this file first, and databind's first use costs more than the rest of {@code status}.
 * Unknown fields are ignored (readers tolerate newer writers); a field of the wrong type makes the
 * file unreadable. {@code RuntimeFileTest} pins that what {@link #write} writes reads back equal.
 */
public final class RuntimeFile {

    private RuntimeFile() {
    }

    public static void write(Path file, RuntimeState state) {
        AtomicFiles.writeJson(file, state, true);
    }

    /**
     * @return the state, or empty when there is no file
     * @throws UnreadableRuntimeFileException when the file is corrupt, truncated or of an unknown schema
     */
    public static Optional<RuntimeState> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UnreadableRuntimeFileException(file + " cannot be read: " + e.getMessage());
        }
        Object tree;
        try {
            tree = JsonValues.read(bytes);
        } catch (IOException e) {
            throw new UnreadableRuntimeFileException(file + " is not valid JSON (" + e.getMessage() + ")");
        }
        if (!(tree instanceof Map<?, ?> fields)) {
            throw new UnreadableRuntimeFileException(file + " does not hold a JSON object");
        }
        Object version = fields.get("schema_version");
        if (!(version instanceof Integer || version instanceof Long)) {
            throw new UnreadableRuntimeFileException(file + " has no integer schema_version");
        }
        if (((Number) version).longValue() != RuntimeState.SCHEMA_VERSION) {
            throw new UnreadableRuntimeFileException("unsupported runtime.json schema_version " + version);
        }
        Fields read = new Fields(file, fields);
        Long port = read.integer("port");
        if (port != null && (port < 0 || port > 0xFFFF)) {
            throw new UnreadableRuntimeFileException(file + ": port " + port + " is out of range");
        }
        return Optional.of(new RuntimeState(RuntimeState.SCHEMA_VERSION, read.string("mode"), read.string("project_root"),
                read.string("instance_id"), read.string("project_id"), read.string("base_url"), read.string("bind_host"),
                port == null ? null : port.intValue(), read.integer("pid"), read.instant("started_at")));
    }

    /** Like {@link #read} but a damaged file counts as absent: for callers that will replace it. */
    public static Optional<RuntimeState> readLeniently(Path file) {
        try {
            return read(file);
        } catch (UnreadableRuntimeFileException e) {
            return Optional.empty();
        }
    }

    /** Typed access to the file's fields; absent and {@code null} both read as null. */
    private record Fields(Path file, Map<?, ?> values) {

        String string(String name) {
            Object value = values.get(name);
            if (value == null || value instanceof String) {
                return (String) value;
            }
            throw wrongType(name, "a string", value);
        }

        Long integer(String name) {
            Object value = values.get(name);
            if (value == null || value instanceof Long) {
                return (Long) value;
            }
            if (value instanceof Integer i) {
                return i.longValue();
            }
            throw wrongType(name, "an integer", value);
        }

        Instant instant(String name) {
            String text = string(name);
            try {
                return text == null ? null : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new UnreadableRuntimeFileException(file + ": " + name + " is not an ISO-8601 instant: " + text);
            }
        }

        private UnreadableRuntimeFileException wrongType(String name, String expected, Object value) {
            return new UnreadableRuntimeFileException(file + ": " + name + " should be " + expected + ", not "
                    + JsonValues.typeName(value));
        }
    }
}
