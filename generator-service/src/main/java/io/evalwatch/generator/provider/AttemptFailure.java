package io.evalwatch.generator.provider;

import io.evalwatch.events.GenerationError.Reasons;
import java.time.Duration;

/**
 * Why one attempt did not produce an answer.
 *
 * @param reason one of {@link Reasons}
 * @param message redacted, for people
 * @param retryable whether another attempt may succeed
 * @param retryAfter the wait the vendor asked for, or null
 * @param vendorTrouble whether it counts against the model's circuit breaker (the vendor is failing, as opposed to
 *     throttling us or rejecting the request)
 */
public record AttemptFailure(String reason, String message, Integer httpStatus, boolean retryable, Duration retryAfter,
        boolean vendorTrouble) {

    /** Classifies a non-2xx status. */
    public static AttemptFailure ofStatus(int status, String message, Duration retryAfter) {
        return switch (status) {
            case 429 -> new AttemptFailure(Reasons.RATE_LIMITED, message, status, true, retryAfter, false);
            case 408 -> new AttemptFailure(Reasons.TIMEOUT, message, status, true, retryAfter, true);
            // 529 is Anthropic's "overloaded"
            case 500, 502, 503, 504, 529 -> new AttemptFailure(Reasons.SERVER_ERROR, message, status, true, retryAfter, true);
            default -> status >= 500
                    ? new AttemptFailure(Reasons.SERVER_ERROR, message, status, true, retryAfter, true)
                    : status >= 400
                    // bad key, forbidden, unknown model id, invalid request: asking again changes nothing
                    ? new AttemptFailure(Reasons.REFUSED, message, status, false, null, false)
                    : new AttemptFailure(Reasons.BAD_RESPONSE, message, status, false, null, false);
        };
    }

    /**
     * Classifies an error the vendor reported inside a 200 response (typically mid-stream). A status the error
     * carries decides as a response status would; otherwise its type does.
     */
    public static AttemptFailure ofVendorError(VendorError error, String message) {
        String type = error.type() == null ? "" : error.type();
        if (type.contains("rate_limit") || Integer.valueOf(429).equals(error.status())) {
            return new AttemptFailure(Reasons.RATE_LIMITED, message, 200, true, null, false);
        }
        if (type.contains("invalid_request") || type.contains("authentication") || type.contains("permission")
                || type.contains("not_found") || type.contains("exceed_context") || type.contains("context_length")
                || error.status() != null && error.status() >= 400 && error.status() < 500) {
            // the request itself is wrong (a prompt longer than the context, a bad parameter): asking again fails again
            return new AttemptFailure(Reasons.REFUSED, message, 200, false, null, false);
        }
        return new AttemptFailure(Reasons.SERVER_ERROR, message, 200, true, null, true);
    }

    /**
     * A 4xx whose body is empty or not JSON: no API answers a bad request that way, but a server whose kept-alive
     * connection was left out of step does (llama.cpp answers 503 while loading without reading the request body,
     * then parses that body as the next request). Retried on a fresh connection.
     */
    public static AttemptFailure desynchronised(int status, String message) {
        return new AttemptFailure(Reasons.BAD_RESPONSE, message, status, true, null, true);
    }

    /** The endpoint answered as another model than the one configured, which is not declared an alias. */
    public static AttemptFailure modelMismatch(String message) {
        return new AttemptFailure(Reasons.MODEL_MISMATCH, message, 200, false, null, false);
    }

    public static AttemptFailure timeout(String message) {
        return new AttemptFailure(Reasons.TIMEOUT, message, null, true, null, true);
    }

    public static AttemptFailure connection(String message) {
        return new AttemptFailure(Reasons.CONNECTION, message, null, true, null, true);
    }

    public static AttemptFailure badResponse(String message, Integer status) {
        return new AttemptFailure(Reasons.BAD_RESPONSE, message, status, true, null, true);
    }

    public static AttemptFailure refused(String message, Integer status) {
        return new AttemptFailure(Reasons.REFUSED, message, status, false, null, false);
    }
}
