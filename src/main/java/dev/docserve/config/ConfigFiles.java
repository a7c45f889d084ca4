package dev.docserve.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.docserve.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads {@code config.json} and {@code shared_config.json} into their records. A file that is not
 * valid JSON, or holds a value of the wrong type, is refused with the file, line and key, so a
 * user can fix it in one go; an absent file is simply absent.
 */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    public static Optional<ProjectConfig> readProjectConfig(Path file) {
        return read(file, ProjectConfig.class);
    }

    public static Optional<SharedConfig> readSharedConfig(Path file) {
        return read(file, SharedConfig.class);
    }

    static <T> Optional<T> read(Path file, Class<T> type) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new InvalidConfigFileException(file, "cannot be read (" + e.getMessage() + ")");
        }
        if (bytes.length == 0 || new String(bytes).isBlank()) {
            throw new InvalidConfigFileException(file, "is empty; write {} for all defaults or delete the file");
        }
        try {
            T value = Json.mapper().readValue(bytes, type);
            if (value == null) {
                throw new InvalidConfigFileException(file, "must hold a JSON object, not null");
            }
            return Optional.of(value);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigFileException(file, describe(e));
        } catch (IOException e) {
            throw new InvalidConfigFileException(file, "cannot be read (" + e.getMessage() + ")");
        }
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String key = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String expected = mismatch.getTargetType() == null ? "another type" : friendly(mismatch.getTargetType());
            return where + "key \"" + key + "\" must be " + expected + "; fix the value or remove the key to use the default";
        }
        if (e instanceof JsonMappingException) {
            return where + "expected a JSON object with documented keys; " + e.getOriginalMessage();
        }
        return where + "not valid JSON (" + e.getOriginalMessage() + ")";
    }

    private static String friendly(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }
}
