package dev.docserve.api;

/** Every error answer: {@code {"detail": "<what went wrong and what to do>"}}. */
public record ErrorBody(String detail) {
}
