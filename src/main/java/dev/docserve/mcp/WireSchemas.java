package dev.docserve.mcp;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.quarkiverse.mcp.server.OutputSchemaGenerator;
import jakarta.inject.Singleton;
import java.time.temporal.Temporal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Output schemas that name properties as the structured content does: the extension's generator reads
 * record components (camelCase), but the answers are written by our ObjectMapper in snake_case, so the
 * schema is derived from that mapper's own view of each type (names, then types: strings, integers,
 * numbers, booleans, date-times, arrays, maps and nested records).
 */
@Singleton
public class WireSchemas implements OutputSchemaGenerator {

    private final ObjectMapper mapper;

    public WireSchemas(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Object generate(Class<?> from) {
        Map<String, Object> schema = schema(mapper.constructType(from), new HashSet<>());
        // The text form travels as content, not twice: see DocServeTools#respond.
        if (schema.get("properties") instanceof Map<?, ?> properties) {
            properties.remove("text");
        }
        return schema;
    }

    private Map<String, Object> schema(JavaType type, Set<Class<?>> path) {
        Class<?> raw = type.getRawClass();
        Map<String, Object> schema = new LinkedHashMap<>();
        if (raw == String.class || raw.isEnum() || raw == Character.class || raw == char.class) {
            schema.put("type", "string");
        } else if (Temporal.class.isAssignableFrom(raw)) {
            schema.put("type", "string");
            schema.put("format", "date-time");
        } else if (raw == boolean.class || raw == Boolean.class) {
            schema.put("type", "boolean");
        } else if (raw == int.class || raw == long.class || raw == short.class || raw == Integer.class
                || raw == Long.class || raw == Short.class) {
            schema.put("type", "integer");
        } else if (raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
            schema.put("type", "number");
        } else if (type.isCollectionLikeType() || type.isArrayType()) {
            schema.put("type", "array");
            schema.put("items", schema(type.getContentType(), path));
        } else if (type.isMapLikeType()) {
            schema.put("type", "object");
            schema.put("additionalProperties", schema(type.getContentType(), path));
        } else if (raw == Object.class || !path.add(raw)) {
            schema.put("type", "object");
        } else {
            schema.put("type", "object");
            Map<String, Object> properties = new LinkedHashMap<>();
            BeanDescription description = mapper.getSerializationConfig().introspect(type);
            for (BeanPropertyDefinition property : description.findProperties()) {
                if (property.couldSerialize()) {
                    properties.put(property.getName(), schema(property.getPrimaryType(), path));
                }
            }
            schema.put("properties", properties);
            path.remove(raw);
        }
        return schema;
    }
}
