package io.evalwatch.sandbox.rest;

import io.evalwatch.security.Problems;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * An error answer in the services' one shape (problem details): what went wrong, and the details (for 503, what
 * isolation is missing) as the extension member {@code details}.
 */
final class ErrorResponse {

    private ErrorResponse() {
    }

    static Response of(Response.Status status, String error, List<String> details) {
        return Problems.response(status.getStatusCode(), error, Map.of("details", details));
    }
}
