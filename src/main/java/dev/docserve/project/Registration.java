package dev.docserve.project;

/** The answer to {@code POST /projects}: what a client writes nowhere, because the daemon wrote the pointer. */
public record Registration(String projectId, String projectRoot, String baseUrl) {
}
