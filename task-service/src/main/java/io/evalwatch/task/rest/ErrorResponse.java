package io.evalwatch.task.rest;

/** The body of every error answer: what was wrong, which input field, and what to do. */
public record ErrorResponse(int status, String field, String error) {
}
