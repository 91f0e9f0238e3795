package io.evalwatch.generator.provider;

/** An error the vendor reported in a body (an error response, or an error event inside a stream). */
public record VendorError(String type, String message) {
}
