package dev.docserve.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a JSON-lines file: one JSON object per line, blank lines ignored. */
final class JsonLines {

    /** Receives one parsed line; may throw {@link BeirFormatException} for bad content. */
    interface LineHandler {
        void accept(ObjectNode object, int lineNumber) throws BeirFormatException;
    }

    private final ObjectMapper mapper;

    JsonLines(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void read(Path file, LineHandler handler) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (!line.isBlank()) {
                    handler.accept(parseObject(file, lineNumber, line), lineNumber);
                }
            }
        }
    }

    private ObjectNode parseObject(Path file, int lineNumber, String line) throws BeirFormatException {
        JsonNode node;
        try {
            node = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BeirFormatException(file, lineNumber, "not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new BeirFormatException(file, lineNumber, "expected a JSON object, found " + node.getNodeType());
        }
        return object;
    }

    /**
     * A required string field; a JSON number is accepted for ids and read as its decimal text.
     */
    static String requiredText(ObjectNode object, String field, Path file, int lineNumber)
            throws BeirFormatException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new BeirFormatException(file, lineNumber, "missing \"" + field + "\"");
        }
        if (!value.isTextual() && !value.isIntegralNumber()) {
            throw new BeirFormatException(file, lineNumber,
                    "\"" + field + "\" must be a string, found " + value.getNodeType());
        }
        return value.asText();
    }

    /** An optional string field: empty when absent or null. */
    static String optionalText(ObjectNode object, String field, Path file, int lineNumber)
            throws BeirFormatException {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        return requiredText(object, field, file, lineNumber);
    }
}
