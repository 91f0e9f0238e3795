package io.evalwatch.generator.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.evalwatch.generator.prompt.PromptTemplate;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads config/models.yaml: substitutes {@code ${VAR:default}} from the environment, applies defaults and checks
 * every field, collecting all problems so one start-up failure names them all.
 */
public final class ModelCatalogFile {

    public static final String DEFAULT_ANTHROPIC_VERSION = "2023-06-01";
    static final int DEFAULT_MAX_CONCURRENCY = 4;
    static final int DEFAULT_TIMEOUT_SECONDS = 60;
    static final int DEFAULT_MAX_TOKENS = 1024;

    private static final Set<String> KEYS = Set.of("name", "provider", "endpoint", "model_id", "api_key_env",
            "price_per_million_tokens", "max_concurrency", "requests_per_minute", "tokens_per_minute",
            "timeout_seconds", "temperature", "max_tokens", "system_prompt", "prompt_template", "stream",
            "anthropic_version", "alias", "accepted_model_ids", "tokenizer", "structured_output", "family");
    private static final Set<String> PRICE_KEYS = Set.of("input", "output", "cache_read", "cache_write", "reasoning");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ModelCatalogFile() {
    }

    /**
     * @param source a name for the file in messages
     * @param yaml the file's text
     * @param environment how variables are looked up (System::getenv in production)
     */
    public static List<ModelConfig> parse(String source, String yaml, Function<String, String> environment) {
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new InvalidModelCatalogException(source, List.of("not valid YAML: " + e.getOriginalMessage()));
        }
        if (root == null || !root.path("models").isArray() || root.path("models").isEmpty()) {
            throw new InvalidModelCatalogException(source, List.of("expected a non-empty list under 'models'"));
        }
        List<ModelConfig> models = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.get("models")) {
            String where = "models[" + index++ + "]";
            if (!node.isObject()) {
                problems.add(where + ": expected a mapping of model settings");
                continue;
            }
            substitute((ObjectNode) node, environment, where, problems);
            String name = node.path("name").asText("");
            if (!name.isEmpty()) {
                where += " (" + name + ")";
            }
            ModelConfig model = read(node, where, problems);
            if (model != null && !names.add(model.name())) {
                problems.add(where + ": duplicate model name '" + model.name() + "'");
            }
            if (model != null) {
                models.add(model);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidModelCatalogException(source, problems);
        }
        return List.copyOf(models);
    }

    private static ModelConfig read(JsonNode node, String where, List<String> problems) {
        int before = problems.size();
        Fields f = new Fields(node, where, problems);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                problems.add(where + ": unknown key '" + key + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        String name = f.requiredText("name");
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add(where + ": name must match " + NAME.pattern() + " (it becomes part of item ids), got '" + name + "'");
        }
        ProviderKind provider = null;
        String providerText = f.requiredText("provider");
        if (providerText != null) {
            try {
                provider = ProviderKind.of(providerText);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        URI endpoint = endpoint(f.requiredText("endpoint"), where, problems);
        String modelId = f.requiredText("model_id");
        String apiKeyEnv = f.optionalText("api_key_env");
        if (apiKeyEnv != null && !ENV_NAME.matcher(apiKeyEnv).matches()) {
            problems.add(where + ": api_key_env must name an environment variable (the key itself never goes in"
                    + " this file)");
            apiKeyEnv = null;
        }
        Prices prices = prices(node.get("price_per_million_tokens"), where, problems);
        int maxConcurrency = f.positiveInt("max_concurrency", DEFAULT_MAX_CONCURRENCY);
        Integer rpm = f.optionalPositiveInt("requests_per_minute");
        Integer tpm = f.optionalPositiveInt("tokens_per_minute");
        Double timeoutSeconds = f.optionalNumber("timeout_seconds", 0.001, 3600.0);
        Double temperature = f.optionalNumber("temperature", 0.0, 2.0);
        int maxTokens = f.positiveInt("max_tokens", DEFAULT_MAX_TOKENS);
        String systemPrompt = f.optionalText("system_prompt");
        String template = f.optionalText("prompt_template");
        if (template == null) {
            template = PromptTemplate.DEFAULT;
        } else {
            try {
                PromptTemplate.check(template);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": prompt_template " + e.getMessage());
            }
        }
        boolean stream = f.bool("stream", true);
        String anthropicVersion = f.optionalText("anthropic_version");
        boolean alias = f.bool("alias", false);
        List<String> acceptedModelIds = f.textList("accepted_model_ids");
        String tokenizer = f.optionalText("tokenizer");
        if (tokenizer != null && !TokenizerNames.KNOWN.contains(tokenizer)) {
            problems.add(where + ": tokenizer must be one of " + String.join(", ", TokenizerNames.KNOWN) + ", got '"
                    + tokenizer + "' (leave it out to choose by model_id)");
        }
        StructuredOutput structured = StructuredOutput.NONE;
        String structuredText = f.optionalText("structured_output");
        if (structuredText != null) {
            try {
                structured = StructuredOutput.of(structuredText);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        if (structured == StructuredOutput.JSON_SCHEMA && provider == ProviderKind.ANTHROPIC) {
            problems.add(where + ": structured_output json_schema is OpenAI's response_format; for provider anthropic"
                    + " use structured_output: tool");
        }
        String family = f.optionalText("family");
        if (family != null && !NAME.matcher(family).matches()) {
            problems.add(where + ": family must be one word of letters, digits, '.', '_' and '-' (for example"
                    + " openai-gpt-4), got '" + family + "'");
        }
        if (problems.size() > before) {
            return null;
        }
        return new ModelConfig(name, provider, endpoint, modelId, apiKeyEnv, prices, maxConcurrency, rpm, tpm,
                Duration.ofMillis(Math.round((timeoutSeconds == null ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds) * 1000)),
                temperature, maxTokens, systemPrompt, template, stream,
                anthropicVersion == null ? DEFAULT_ANTHROPIC_VERSION : anthropicVersion, alias, acceptedModelIds,
                tokenizer, structured, family == null ? null : family.toLowerCase(java.util.Locale.ROOT));
    }

    private static URI endpoint(String text, String where, List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add(where + ": endpoint must be an absolute http(s) URL, got '" + text + "'");
                return null;
            }
            if (uri.getUserInfo() != null || uri.getQuery() != null) {
                // credentials in a URL end up in logs and provenance; keys belong in api_key_env
                problems.add(where + ": endpoint must not carry credentials or a query string; put the key in the"
                        + " variable named by api_key_env");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            problems.add(where + ": endpoint is not a URL: " + e.getMessage());
            return null;
        }
    }

    private static Prices prices(JsonNode node, String where, List<String> problems) {
        if (node == null || !node.isObject()) {
            problems.add(where + ": price_per_million_tokens {input, output} is required (US dollars per million"
                    + " tokens; 0 for a free local model)");
            return null;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!PRICE_KEYS.contains(key)) {
                problems.add(where + ": unknown key 'price_per_million_tokens." + key + "' (known: input, output,"
                        + " cache_read, cache_write, reasoning)");
            }
        }
        Fields f = new Fields(node, where + ": price_per_million_tokens", problems);
        Double input = f.requiredNumber("input", 0.0, 1_000_000.0);
        Double output = f.requiredNumber("output", 0.0, 1_000_000.0);
        Double cacheRead = f.optionalNumber("cache_read", 0.0, 1_000_000.0);
        Double cacheWrite = f.optionalNumber("cache_write", 0.0, 1_000_000.0);
        Double reasoning = f.optionalNumber("reasoning", 0.0, 1_000_000.0);
        return input == null || output == null ? null : new Prices(input, output, cacheRead, cacheWrite, reasoning);
    }

    private static void substitute(ObjectNode node, Function<String, String> environment, String where,
            List<String> problems) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                substitute((ObjectNode) value, environment, where, problems);
            } else if (value.isTextual()) {
                field.setValue(new TextNode(expand(value.asText(), environment, where + "." + field.getKey(), problems)));
            }
        }
    }

    static String expand(String text, Function<String, String> environment, String where, List<String> problems) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = environment.apply(m.group(1));
            if (value == null || value.isEmpty()) {
                value = m.group(2);
            }
            if (value == null) {
                problems.add(where + ": environment variable " + m.group(1) + " is not set and has no default");
                value = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Typed reads of one mapping's fields that record a problem instead of throwing. */
    private record Fields(JsonNode node, String where, List<String> problems) {

        String requiredText(String key) {
            String value = optionalText(key);
            if (value == null) {
                problems.add(where + ": " + key + " is required");
            }
            return value;
        }

        String optionalText(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isValueNode()) {
                problems.add(where + ": " + key + " must be a single value");
                return null;
            }
            String text = value.asText();
            return text.isBlank() ? null : text;
        }

        List<String> textList(String key) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull()) {
                return List.of();
            }
            List<String> texts = new ArrayList<>();
            if (value.isArray()) {
                for (JsonNode item : value) {
                    if (item.isValueNode() && !item.asText().isBlank()) {
                        texts.add(item.asText());
                    } else {
                        problems.add(where + ": " + key + " must be a list of model ids, found " + item);
                    }
                }
            } else {
                problems.add(where + ": " + key + " must be a list of model ids, for example [gpt-4o-2024-08-06]");
            }
            return texts;
        }

        int positiveInt(String key, int fallback) {
            Integer value = optionalPositiveInt(key);
            return value == null ? fallback : value;
        }

        Integer optionalPositiveInt(String key) {
            String text = optionalText(key);
            if (text == null) {
                return null;
            }
            try {
                int value = Integer.parseInt(text.trim());
                if (value > 0) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(where + ": " + key + " must be a positive whole number, got '" + text + "'");
            return null;
        }

        Double requiredNumber(String key, double min, double max) {
            if (optionalText(key) == null) {
                problems.add(where + "." + key + " is required");
                return null;
            }
            return optionalNumber(key, min, max);
        }

        Double optionalNumber(String key, double min, double max) {
            String text = optionalText(key);
            if (text == null) {
                return null;
            }
            try {
                double value = Double.parseDouble(text.trim());
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add(where + ": " + key + " must be a number from " + min + " to " + max + ", got '" + text + "'");
            return null;
        }

        boolean bool(String key, boolean fallback) {
            String text = optionalText(key);
            if (text == null) {
                return fallback;
            }
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            problems.add(where + ": " + key + " must be true or false, got '" + text + "'");
            return fallback;
        }
    }
}
