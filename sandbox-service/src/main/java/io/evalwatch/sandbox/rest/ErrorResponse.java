package io.evalwatch.sandbox.rest;

import java.util.List;

/** An error answer: what went wrong, and the details (for 503, what isolation is missing). */
public record ErrorResponse(String error, List<String> details) {
}
