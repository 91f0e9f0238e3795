package io.evalwatch.generator.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire protocols the generator speaks. */
public enum ProviderKind {
    /** OpenAI chat completions: OpenAI, vLLM, Ollama, llama.cpp server, LiteLLM, OpenRouter, the simulator. */
    OPENAI("openai"),
    /** Anthropic Messages API. */
    ANTHROPIC("anthropic");

    private final String id;

    ProviderKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ProviderKind of(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (ProviderKind kind : values()) {
            if (kind.id.equals(wanted)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown provider '" + value + "' (known: "
                + Arrays.stream(values()).map(ProviderKind::id).collect(Collectors.joining(", ")) + ")");
    }
}
