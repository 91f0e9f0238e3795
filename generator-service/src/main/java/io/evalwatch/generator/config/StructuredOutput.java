package io.evalwatch.generator.config;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a model is asked to hand its code over: as free text (code is then extracted from fences), as JSON that
 * follows a schema (OpenAI {@code response_format: json_schema}), or as the arguments of a forced tool call
 * (OpenAI tools, Anthropic tool use). The prompt-variant probe compares these paths on the same tasks.
 */
public enum StructuredOutput {
    NONE("none"),
    JSON_SCHEMA("json_schema"),
    TOOL("tool");

    /** The tool the model is made to call; its one required argument is {@code code}. */
    public static final String TOOL_NAME = "submit_code";

    private final String id;

    StructuredOutput(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static StructuredOutput of(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("structured_output must be none, json_schema or tool,"
                        + " got '" + id + "'"));
    }
}
