package io.evalwatch.generator.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The effective configuration of one model, as read from the catalogue with defaults applied. It holds no secret:
 * the API key lives in {@link ConfiguredModel}, so this record may be logged, hashed and shown.
 *
 * @param alias the model id names whatever the vendor currently serves under it, so any response model id is
 *     accepted (and recorded)
 * @param acceptedModelIds response model ids accepted besides {@code modelId} itself
 * @param tokenizer the encoding that counts tokens when the vendor reports none, or null to choose by model id
 * @param structuredOutput how the code is handed over: free text, JSON by schema, or a tool call
 * @param family the model's family (lower case, null when undeclared): a judge never grades its own family; it
 *     changes nothing about how the model is called
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
        String anthropicVersion,
        boolean alias,
        List<String> acceptedModelIds,
        String tokenizer,
        StructuredOutput structuredOutput,
        String family) {

    public ModelConfig {
        acceptedModelIds = acceptedModelIds == null ? List.of() : List.copyOf(acceptedModelIds);
        structuredOutput = structuredOutput == null ? StructuredOutput.NONE : structuredOutput;
    }

    /** A model without a declared family. */
    public ModelConfig(String name, ProviderKind provider, URI endpoint, String modelId, String apiKeyEnv,
            Prices prices, int maxConcurrency, Integer requestsPerMinute, Integer tokensPerMinute, Duration timeout,
            Double temperature, int maxTokens, String systemPrompt, String promptTemplate, boolean stream,
            String anthropicVersion, boolean alias, List<String> acceptedModelIds, String tokenizer,
            StructuredOutput structuredOutput) {
        this(name, provider, endpoint, modelId, apiKeyEnv, prices, maxConcurrency, requestsPerMinute, tokensPerMinute,
                timeout, temperature, maxTokens, systemPrompt, promptTemplate, stream, anthropicVersion, alias,
                acceptedModelIds, tokenizer, structuredOutput, null);
    }

    /** A model that accepts only its own id as the response model and chooses its tokenizer by id. */
    public ModelConfig(String name, ProviderKind provider, URI endpoint, String modelId, String apiKeyEnv,
            Prices prices, int maxConcurrency, Integer requestsPerMinute, Integer tokensPerMinute, Duration timeout,
            Double temperature, int maxTokens, String systemPrompt, String promptTemplate, boolean stream,
            String anthropicVersion) {
        this(name, provider, endpoint, modelId, apiKeyEnv, prices, maxConcurrency, requestsPerMinute, tokensPerMinute,
                timeout, temperature, maxTokens, systemPrompt, promptTemplate, stream, anthropicVersion, false,
                List.of(), null, StructuredOutput.NONE, null);
    }

    /**
     * Whether an answer that names {@code responseModelId} as its model is the model that was asked for: the same
     * id, a dated snapshot of it (OpenAI answers {@code gpt-4o} as {@code gpt-4o-2024-08-06}), an id the catalogue
     * lists, or anything when the id is an alias. A server that does not name its model is not contradicted.
     */
    public boolean accepts(String responseModelId) {
        return alias || responseModelId == null || responseModelId.equals(modelId)
                || acceptedModelIds.contains(responseModelId)
                || responseModelId.startsWith(modelId + "-")
                        && DATED_SUFFIX.matcher(responseModelId.substring(modelId.length() + 1)).matches();
    }

    private static final java.util.regex.Pattern DATED_SUFFIX =
            java.util.regex.Pattern.compile("\\d{4}(-?\\d{2}-?\\d{2})?");
}
