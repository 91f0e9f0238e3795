package io.evalwatch.generator.provider;

/**
 * An error the vendor reported in a body (an error response, or an error event inside a stream).
 *
 * @param status the HTTP-like status the error carries in its body ({@code "code": 500} in llama.cpp's and
 *     LiteLLM's errors), or null
 */
public record VendorError(String type, String message, Integer status) {

    public VendorError(String type, String message) {
        this(type, message, null);
    }
}
