package dev.docserve.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.util.Collection;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a request body that Jackson could not read, in the client's terms (field
 * names, JSON types, line and column). Jackson's own messages name Java classes and parser features,
 * which mean nothing to a client and describe the server's insides, so they are never passed on whole.
 */
final class JsonErrors {

    private JsonErrors() {
    }

    static String detail(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch) {
            if (mismatch.getPath().isEmpty()) {
                return "the request body must be one JSON object holding the endpoint's fields, e.g. {\"query\": \"...\"}"
                        + " for POST /query or {\"folder_path\": \"docs\"} for POST /index";
            }
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return "field '" + field + "' must be " + typeName(mismatch.getTargetType());
        }
        if (e instanceof StreamConstraintsException) {
            return "the request body exceeds the JSON limits (nesting deeper than 1000 levels, or a number or string "
                    + "too long); send a flat JSON object";
        }
        InputCoercionException coercion = coercionIn(e);
        if (coercion != null) {
            return fieldOf(coercion).map(field -> "field '" + field + "' is out of range")
                    .orElse("a number in the request body is out of range")
                    + " (" + typeName(coercion.getTargetType()) + " of at most 2147483647 expected)";
        }
        return "the request body is not valid JSON" + at(e.getLocation()) + ": " + reason(e.getOriginalMessage());
    }

    /** Jackson wraps a number too large for its field in a mapping exception, or not, depending on the path taken. */
    private static InputCoercionException coercionIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputCoercionException coercion) {
                return coercion;
            }
        }
        return null;
    }

    private static java.util.Optional<String> fieldOf(InputCoercionException e) {
        try {
            JsonParser parser = e.getProcessor();
            return parser == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(parser.currentName());
        } catch (java.io.IOException | RuntimeException unknown) {
            return java.util.Optional.empty();
        }
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** The first clause of Jackson's message, without source excerpts or quoted Java names. */
    static String reason(String message) {
        if (message == null || message.isBlank()) {
            return "malformed input";
        }
        String text = message;
        for (String cut : new String[] {" (start marker at", "\n", " at [Source"}) {
            int index = text.indexOf(cut);
            if (index > 0) {
                text = text.substring(0, index);
            }
        }
        text = text.replaceAll("`[^`]*`", "a value");
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    static String typeName(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return type == Integer.class || type == int.class || type == Long.class || type == long.class
                    ? "a whole number" : "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }
}
