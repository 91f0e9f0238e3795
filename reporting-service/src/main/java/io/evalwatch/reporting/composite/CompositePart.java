package io.evalwatch.reporting.composite;

import com.fasterxml.jackson.annotation.JsonValue;

/** One part of the composite score, each a value in [0, 1] where higher is better; key names its weight's setting. */
public enum CompositePart {
    PASS_AT_1("pass-at-1"),
    TYPE_ERRORS("type-errors"),
    SECURITY_FINDINGS("security-findings"),
    COMPLEXITY_DELTA("complexity-delta"),
    HUMAN_ACCEPT_RATE("human-accept-rate");

    private final String key;

    CompositePart(String key) {
        this.key = key;
    }

    /** The part's name in configuration ({@code evalwatch.composite.weights.<key>}), in reports and in JSON. */
    @JsonValue
    public String key() {
        return key;
    }
}
