package io.evalwatch.generator.config;

import java.net.URI;
import java.time.Duration;

/**
 * The effective configuration of one model, as read from the catalogue with defaults applied. It holds no secret:
 * the API key lives in {@link ConfiguredModel}, so this record may be logged, hashed and shown.
 */
public record ModelConfig(
        String name,
        ProviderKind provider,
        URI endpoint,
        String modelId,
        String apiKeyEnv,
        Prices prices,
        int maxConcurrency,
        Integer requestsPerMinute,
        Integer tokensPerMinute,
        Duration timeout,
        Double temperature,
        int maxTokens,
        String systemPrompt,
        String promptTemplate,
        boolean stream,
        String anthropicVersion) {
}
