package io.evalwatch.generator.config;

/**
 * A vendor API key. It is read from the environment variable named in the catalogue and only ever leaves the
 * process in an authentication header; {@link #toString()} never shows it.
 */
public final class ApiKey {

    private static final ApiKey NONE = new ApiKey(null);

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    public static ApiKey of(String value) {
        return value == null || value.isBlank() ? NONE : new ApiKey(value.trim());
    }

    public static ApiKey none() {
        return NONE;
    }

    public boolean present() {
        return value != null;
    }

    /** The raw secret, for the authentication header and the redactor only. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return present() ? "ApiKey[redacted]" : "ApiKey[none]";
    }
}
