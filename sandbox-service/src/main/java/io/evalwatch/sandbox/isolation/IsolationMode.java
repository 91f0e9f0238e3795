package io.evalwatch.sandbox.isolation;

import java.util.Locale;

/** How executions are isolated: bubblewrap under an unprivileged uid, or (explicitly asked for) not at all. */
public enum IsolationMode {
    BWRAP,
    NONE;

    public static IsolationMode parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "bwrap", "bubblewrap" -> BWRAP;
            case "none" -> NONE;
            default -> throw new IllegalArgumentException(
                    "evalwatch.sandbox.isolation must be bwrap or none, not '" + value + "'");
        };
    }
}
