package dev.docserve.api;

import java.util.List;

/** The body of {@code POST /documents/multi-get}: {@code paths} or {@code glob}, and a budget. */
public record MultiGetBody(List<String> paths, String glob, Integer maxChars, String projectId) {
}
