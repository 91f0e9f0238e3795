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

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    static String canonicalJson(ModelConfig m) {
        Map<String, Object> prices = new LinkedHashMap<>();
        prices.put("input", m.prices().inputPerMillion());
        prices.put("output", m.prices().outputPerMillion());
        // settings added later enter the hash only when set, so the hash of a model that does not use them stays
        putIfSet(prices, "cache_read", m.prices().cacheReadPerMillion());
        putIfSet(prices, "cache_write", m.prices().cacheWritePerMillion());
        putIfSet(prices, "reasoning", m.prices().reasoningPerMillion());
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
        putIfSet(c, "alias", m.alias() ? Boolean.TRUE : null);
        putIfSet(c, "accepted_model_ids", m.acceptedModelIds().isEmpty() ? null : m.acceptedModelIds());
        putIfSet(c, "tokenizer", m.tokenizer());
        putIfSet(c, "structured_output", m.structuredOutput() == StructuredOutput.NONE ? null : m.structuredOutput().id());
        try {
            return JSON.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain values always serialise", e);
        }
    }
}
