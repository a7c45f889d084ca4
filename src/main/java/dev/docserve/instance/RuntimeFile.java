package dev.docserve.instance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.json.AtomicFiles;
import dev.docserve.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads and writes {@code runtime.json}. Writes are atomic and owner-only. A reader that meets a
 * {@code schema_version} it does not know refuses the file instead of guessing.
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
        try {
            JsonNode tree = Json.mapper().readTree(bytes);
            if (tree == null || !tree.isObject()) {
                throw new UnreadableRuntimeFileException(file + " does not hold a JSON object");
            }
            JsonNode version = tree.get("schema_version");
            if (version == null || !version.canConvertToInt()) {
                throw new UnreadableRuntimeFileException(file + " has no integer schema_version");
            }
            if (version.intValue() != RuntimeState.SCHEMA_VERSION) {
                throw new UnreadableRuntimeFileException("unsupported runtime.json schema_version " + version.asText());
            }
            return Optional.of(Json.mapper().treeToValue(tree, RuntimeState.class));
        } catch (JsonProcessingException e) {
            throw new UnreadableRuntimeFileException(file + " is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new UnreadableRuntimeFileException(file + " cannot be read: " + e.getMessage());
        }
    }

    /** Like {@link #read} but a damaged file counts as absent: for callers that will replace it. */
    public static Optional<RuntimeState> readLeniently(Path file) {
        try {
            return read(file);
        } catch (UnreadableRuntimeFileException e) {
            return Optional.empty();
        }
    }
}
