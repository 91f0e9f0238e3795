package io.evalwatch.sandbox.isolation;

import java.util.List;

/** Isolation cannot be set up on this host; execution is refused and the message says what is missing. */
public class SandboxUnavailableException extends Exception {

    private final List<String> missing;

    public SandboxUnavailableException(List<String> missing) {
        super("sandbox isolation is not available: " + String.join("; ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}
