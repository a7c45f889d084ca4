package dev.docserve.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain Java values ({@link Map} in document order, {@link List}, {@link String}, {@link Number},
 * {@link Boolean}, {@code null}) on jackson-core's streaming parser and generator alone.
 *
 * <p>For the short CLI commands ({@code status}, {@code url}): building {@link Json#mapper()} loads
 * Jackson databind, 60–90 ms of a ~0.3 s command, while these small documents parse in a few
 * milliseconds here. Pretty output is byte-identical to {@code writerWithDefaultPrettyPrinter()},
 * which uses the same {@code DefaultPrettyPrinter}. Everything that maps JSON onto types keeps
 * using {@link Json#mapper()}.
 */
public final class JsonValues {

    /** Immutable once built and thread-safe, like a mapper. */
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonValues() {
    }

    /**
     * @return the document's value: integers as Integer, Long or BigInteger, decimals as Double
     * @throws IOException when the bytes are not exactly one JSON value
     */
    public static Object read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                throw new IOException("no JSON value (empty input)");
            }
            Object value = value(parser);
            if (parser.nextToken() != null) {
                throw new IOException("trailing content after the JSON value" + at(parser.currentLocation()));
            }
            return value;
        } catch (JsonProcessingException e) {
            // One line for error messages: the parser's own message spans two and names a redacted source.
            throw new IOException(e.getOriginalMessage() + at(e.getLocation()), e);
        }
    }

    private static String at(JsonLocation location) {
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** @throws IOException when the bytes are not one JSON object */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(byte[] json) throws IOException {
        Object value = read(json);
        if (!(value instanceof Map)) {
            throw new IOException("expected a JSON object, found " + typeName(value));
        }
        return (Map<String, Object>) value;
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getNumberValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("unexpected " + token + at(parser.currentLocation()));
        }
    }

    /**
     * Indented JSON, as Jackson's default pretty printer writes it.
     *
     * @throws IllegalArgumentException for a value that is not a map, collection, string, number, boolean or null
     */
    public static String pretty(Object value) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = FACTORY.createGenerator(text).useDefaultPrettyPrinter()) {
            write(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    /** Whether {@link #pretty} can write the value: only plain values, however deeply nested. */
    public static boolean isPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map.keySet().stream().allMatch(String.class::isInstance) && map.values().stream().allMatch(JsonValues::isPlain);
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().allMatch(JsonValues::isPlain);
        }
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    private static void write(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof String s) {
            generator.writeString(s);
        } else if (value instanceof Boolean b) {
            generator.writeBoolean(b);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Double d) {
            generator.writeNumber(d);
        } else if (value instanceof Float f) {
            generator.writeNumber(f);
        } else if (value instanceof BigInteger i) {
            generator.writeNumber(i);
        } else if (value instanceof BigDecimal d) {
            generator.writeNumber(d);
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String name)) {
                    throw new IllegalArgumentException("JSON object keys are strings, not " + typeName(entry.getKey()));
                }
                generator.writeFieldName(name);
                write(generator, entry.getValue());
            }
            generator.writeEndObject();
        } else if (value instanceof Collection<?> collection) {
            generator.writeStartArray();
            for (Object item : collection) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else {
            throw new IllegalArgumentException("not a plain JSON value: " + typeName(value));
        }
    }

    /** The JSON name of a plain value's type, for error messages. */
    public static String typeName(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        return value.getClass().getName();
    }
}
