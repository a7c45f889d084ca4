package dev.docserve.corpus;

import java.util.List;

/** The list fields of index and search requests: absent means empty, and every element must be a string. */
public final class RequestLists {

    private RequestLists() {
    }

    /**
     * @throws IllegalArgumentException naming the field when an element is null (JSON {@code [null]})
     */
    public static List<String> strings(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidRequestException(field + " must be a list of strings; remove the null entries");
        }
        return List.copyOf(values);
    }
}
