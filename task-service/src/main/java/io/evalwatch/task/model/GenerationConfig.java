package io.evalwatch.task.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What decides a model's answers, from its models.yaml entry: provider, endpoint, model id, sampling, prompts,
 * streaming and API version. Prices, concurrency, rate limits and timeouts are left out: they change what a run
 * costs or how fast it goes, not what is measured, so changing them does not start a new comparison stream.
 *
 * <p>Values are taken as written (placeholders such as {@code ${EVALWATCH_SIMULATOR_URL:...}} are not resolved:
 * task-service does not share generator-service's environment), with generator-service's defaults filled in, so
 * writing a default out does not change the hash.
 */
public record GenerationConfig(String provider, String endpoint, String modelId, Double temperature,
        Integer maxTokens, String systemPrompt, String promptTemplate, boolean stream, String anthropicVersion) {

    static final int DEFAULT_MAX_TOKENS = 1024;
    static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    public static GenerationConfig of(JsonNode entry) {
        String endpoint = text(entry, "endpoint");
        if (endpoint != null && endpoint.endsWith("/")) {
            endpoint = endpoint.substring(0, endpoint.length() - 1);
        }
        JsonNode temperature = entry.get("temperature");
        JsonNode maxTokens = entry.get("max_tokens");
        JsonNode stream = entry.get("stream");
        String anthropicVersion = text(entry, "anthropic_version");
        return new GenerationConfig(text(entry, "provider"), endpoint, text(entry, "model_id"),
                temperature == null || temperature.isNull() ? null : temperature.asDouble(),
                maxTokens == null || maxTokens.isNull() ? DEFAULT_MAX_TOKENS : maxTokens.asInt(),
                text(entry, "system_prompt"), text(entry, "prompt_template"),
                stream == null || stream.isNull() || stream.asBoolean(true),
                anthropicVersion == null ? DEFAULT_ANTHROPIC_VERSION : anthropicVersion);
    }

    /** Hex SHA-256 of the configuration as canonical JSON (sorted keys, absent values as null). */
    public String hash() {
        Map<String, Object> canonical = new TreeMap<>();
        canonical.put("provider", provider);
        canonical.put("endpoint", endpoint);
        canonical.put("model_id", modelId);
        canonical.put("temperature", temperature);
        canonical.put("max_tokens", maxTokens);
        canonical.put("system_prompt", systemPrompt);
        canonical.put("prompt_template", promptTemplate);
        canonical.put("stream", stream);
        canonical.put("anthropic_version", anthropicVersion);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(CANONICAL.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
