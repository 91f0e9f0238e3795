package io.evalwatch.generator.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.evalwatch.generator.prompt.ChatPrompt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 of a model's effective configuration in canonical JSON (sorted keys, catalogue names, defaults
 * applied). The key itself is never part of it: {@link ModelConfig} does not hold one.
 */
public final class ConfigHash {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private ConfigHash() {
    }

    public static String of(ModelConfig m) {
        return ChatPrompt.sha256(canonicalJson(m));
    }

    static String canonicalJson(ModelConfig m) {
        Map<String, Object> prices = new LinkedHashMap<>();
        prices.put("input", m.prices().inputPerMillion());
        prices.put("output", m.prices().outputPerMillion());
        Map<String, Object> c = new TreeMap<>();
        c.put("name", m.name());
        c.put("provider", m.provider().id());
        c.put("endpoint", m.endpoint().toString());
        c.put("model_id", m.modelId());
        c.put("api_key_env", m.apiKeyEnv());
        c.put("price_per_million_tokens", prices);
        c.put("max_concurrency", m.maxConcurrency());
        c.put("requests_per_minute", m.requestsPerMinute());
        c.put("tokens_per_minute", m.tokensPerMinute());
        c.put("timeout_seconds", m.timeout().toMillis() / 1000.0);
        c.put("temperature", m.temperature());
        c.put("max_tokens", m.maxTokens());
        c.put("system_prompt", m.systemPrompt());
        c.put("prompt_template", m.promptTemplate());
        c.put("stream", m.stream());
        c.put("anthropic_version", m.provider() == ProviderKind.ANTHROPIC ? m.anthropicVersion() : null);
        try {
            return JSON.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always serialise", e);
        }
    }
}
