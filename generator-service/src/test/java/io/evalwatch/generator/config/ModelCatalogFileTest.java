package io.evalwatch.generator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.generator.prompt.PromptTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCatalogFileTest {

    private static final String FULL = """
            models:
              - name: claude
                provider: anthropic
                endpoint: ${ANTHROPIC_URL:https://api.anthropic.com/v1}/
                model_id: claude-sonnet-4-20250514
                api_key_env: ANTHROPIC_API_KEY
                price_per_million_tokens: {input: 3, output: 15}
                max_concurrency: ${CLAUDE_CONCURRENCY:4}
                requests_per_minute: 50
                tokens_per_minute: 40000
                timeout_seconds: 90
                temperature: 0.2
                max_tokens: 2048
                system_prompt: You write Python.
                prompt_template: "{prompt}\\nName it {entry_point}."
                stream: false
              - name: local
                provider: openai
                endpoint: http://127.0.0.1:11434/v1
                model_id: qwen2.5-coder:7b
                price_per_million_tokens: {input: 0, output: 0}
            """;

    @Test
    void readsEverySettingWithEnvironmentSubstitutionAndDefaults() {
        List<ModelConfig> models = ModelCatalogFile.parse("t.yaml", FULL, Map.of("CLAUDE_CONCURRENCY", "6")::get);
        ModelConfig claude = models.get(0);
        assertEquals("claude", claude.name());
        assertEquals(ProviderKind.ANTHROPIC, claude.provider());
        assertEquals("https://api.anthropic.com/v1", claude.endpoint().toString(), "trailing slash dropped");
        assertEquals("claude-sonnet-4-20250514", claude.modelId());
        assertEquals("ANTHROPIC_API_KEY", claude.apiKeyEnv());
        assertEquals(new Prices(3, 15), claude.prices());
        assertEquals(6, claude.maxConcurrency());
        assertEquals(50, claude.requestsPerMinute());
        assertEquals(40000, claude.tokensPerMinute());
        assertEquals(Duration.ofSeconds(90), claude.timeout());
        assertEquals(0.2, claude.temperature());
        assertEquals(2048, claude.maxTokens());
        assertEquals("You write Python.", claude.systemPrompt());
        assertEquals("{prompt}\nName it {entry_point}.", claude.promptTemplate());
        assertFalse(claude.stream());

        ModelConfig local = models.get(1);
        assertNull(local.apiKeyEnv());
        assertEquals(ModelCatalogFile.DEFAULT_MAX_CONCURRENCY, local.maxConcurrency());
        assertNull(local.requestsPerMinute());
        assertEquals(Duration.ofSeconds(60), local.timeout());
        assertNull(local.temperature());
        assertEquals(1024, local.maxTokens());
        assertEquals(PromptTemplate.DEFAULT, local.promptTemplate());
        assertTrue(local.stream());
    }

    @Test
    void listsEveryProblemAtOnce() {
        String yaml = """
                models:
                  - name: a/b
                    provider: gemini
                    endpoint: ftp://x
                    price_per_million_tokens: {input: -1}
                    max_concurrency: 0
                    max_concurency: 3
                    temperature: 3
                    prompt_template: "Solve {task}"
                  - name: ok
                    provider: openai
                    endpoint: https://user:secret@example.com/v1
                    model_id: m
                    api_key_env: sk-not-a-variable-name
                    price_per_million_tokens: {input: 1, output: 1}
                  - name: ok
                    provider: openai
                    endpoint: ${MISSING_URL}
                    model_id: m
                    price_per_million_tokens: {input: 1, output: 1}
                """;
        InvalidModelCatalogException e = assertThrows(InvalidModelCatalogException.class,
                () -> ModelCatalogFile.parse("models.yaml", yaml, name -> null));
        String message = e.getMessage();
        for (String expected : List.of(
                "models[0] (a/b): name must match",
                "models[0] (a/b): unknown provider 'gemini' (known: openai, anthropic)",
                "models[0] (a/b): endpoint must be an absolute http(s) URL, got 'ftp://x'",
                "models[0] (a/b): model_id is required",
                "price_per_million_tokens: input must be a number from 0.0",
                "price_per_million_tokens.output is required",
                "models[0] (a/b): max_concurrency must be a positive whole number, got '0'",
                "models[0] (a/b): unknown key 'max_concurency'",
                "models[0] (a/b): temperature must be a number from 0.0 to 2.0, got '3'",
                "models[0] (a/b): prompt_template names an unknown placeholder {task}",
                "models[1] (ok): endpoint must not carry credentials",
                "models[1] (ok): api_key_env must name an environment variable",
                "models[2].endpoint: environment variable MISSING_URL is not set and has no default")) {
            assertTrue(message.contains(expected), "missing <" + expected + "> in:\n" + message);
        }
        assertFalse(message.contains("secret"), "a credential in a bad endpoint is not repeated");
    }

    @Test
    void readsAliasesAcceptedIdsTokenizerAndCachePricesAndNamesBadOnes() {
        String yaml = """
                models:
                  - name: gpt
                    provider: openai
                    endpoint: https://api.openai.com/v1
                    model_id: gpt-4o
                    accepted_model_ids: [gpt-4o-2024-11-20]
                    tokenizer: o200k_base
                    price_per_million_tokens: {input: 2.5, output: 10, cache_read: 1.25}
                  - name: local
                    provider: openai
                    endpoint: http://127.0.0.1:8080/v1
                    model_id: default
                    alias: true
                    price_per_million_tokens: {input: 0, output: 0}
                """;
        List<ModelConfig> models = ModelCatalogFile.parse("t.yaml", yaml, name -> null);
        ModelConfig gpt = models.get(0);
        assertEquals(new Prices(2.5, 10, 1.25, null, null), gpt.prices());
        assertEquals("o200k_base", gpt.tokenizer());
        assertTrue(gpt.accepts("gpt-4o-2024-11-20"));
        assertTrue(gpt.accepts("gpt-4o-2024-08-06"), "a dated snapshot of the id");
        assertFalse(gpt.accepts("gpt-4o-mini"));
        assertTrue(models.get(1).accepts("tinyllama"));

        String bad = yaml.replace("tokenizer: o200k_base", "tokenizer: llama3")
                .replace("accepted_model_ids: [gpt-4o-2024-11-20]", "accepted_model_ids: gpt-4o-2024-11-20")
                .replace("cache_read: 1.25", "cache_reads: 1.25");
        InvalidModelCatalogException e = assertThrows(InvalidModelCatalogException.class,
                () -> ModelCatalogFile.parse("t.yaml", bad, name -> null));
        assertTrue(e.getMessage().contains("tokenizer must be one of"), e.getMessage());
        assertTrue(e.getMessage().contains("accepted_model_ids must be a list"), e.getMessage());
        assertTrue(e.getMessage().contains("price_per_million_tokens.cache_reads"), e.getMessage());
    }

    @Test
    void readsAnOptionalFamilyInLowerCaseAndNamesABadOne() {
        String yaml = """
                models:
                  - {name: x, family: OpenAI-GPT-4, provider: openai, endpoint: "http://h/v1", model_id: m, price_per_million_tokens: {input: 1, output: 1}}
                  - {name: y, provider: openai, endpoint: "http://h/v1", model_id: m, price_per_million_tokens: {input: 1, output: 1}}
                """;
        List<ModelConfig> models = ModelCatalogFile.parse("f", yaml, n -> null);
        assertEquals("openai-gpt-4", models.get(0).family());
        assertEquals(null, models.get(1).family());
        assertEquals(ConfigHash.of(models.get(1)), ConfigHash.of(ModelCatalogFile.parse("f",
                yaml.replace("name: y,", "name: y, family: z,"), n -> null).get(1)), "a family changes no call");
        InvalidModelCatalogException e = assertThrows(InvalidModelCatalogException.class,
                () -> ModelCatalogFile.parse("f", yaml.replace("family: OpenAI-GPT-4", "family: \"open ai\""), n -> null));
        assertTrue(e.getMessage().contains("family must be one word"), e.getMessage());
    }

    @Test
    void rejectsDuplicateNamesAndEmptyFiles() {
        String yaml = """
                models:
                  - {name: x, provider: openai, endpoint: "http://h/v1", model_id: m, price_per_million_tokens: {input: 1, output: 1}}
                  - {name: x, provider: openai, endpoint: "http://h/v1", model_id: m, price_per_million_tokens: {input: 1, output: 1}}
                """;
        assertTrue(assertThrows(InvalidModelCatalogException.class, () -> ModelCatalogFile.parse("f", yaml, n -> null))
                .getMessage().contains("duplicate model name 'x'"));
        assertTrue(assertThrows(InvalidModelCatalogException.class, () -> ModelCatalogFile.parse("f", "models: []", n -> null))
                .getMessage().contains("non-empty list under 'models'"));
        assertTrue(assertThrows(InvalidModelCatalogException.class, () -> ModelCatalogFile.parse("f", "models: [", n -> null))
                .getMessage().contains("not valid YAML"));
    }

    @Test
    void theRepositoryCatalogueIsValidAndKeepsItsModels() throws Exception {
        Path file = Path.of(System.getProperty("evalwatch.root", ".."), "config", "models.yaml");
        List<ModelConfig> models = ModelCatalogFile.parse(file.toString(), Files.readString(file), name -> null);
        List<String> names = models.stream().map(ModelConfig::name).toList();
        assertTrue(names.containsAll(List.of("sim-alpha", "sim-beta")), names.toString());
        ModelConfig alpha = models.get(names.indexOf("sim-alpha"));
        assertEquals("http://127.0.0.1:8090/v1", alpha.endpoint().toString());
        assertEquals(new Prices(3.00, 15.00), alpha.prices());
    }

    @Test
    void keysComeFromTheEnvironmentAndTheConfigHashIgnoresThem() {
        List<ModelConfig> models = ModelCatalogFile.parse("t.yaml", FULL, name -> null);
        Map<String, ConfiguredModel> withKey = ModelCatalog.resolve(models, Map.of("ANTHROPIC_API_KEY", "sk-ant-abc123456789")::get);
        Map<String, ConfiguredModel> withOtherKey = ModelCatalog.resolve(models, Map.of("ANTHROPIC_API_KEY", "sk-ant-zzz987654321")::get);
        ConfiguredModel claude = withKey.get("claude");
        assertEquals("sk-ant-abc123456789", claude.apiKey().reveal());
        assertFalse(claude.toString().contains("abc123456789"), claude.toString());
        assertFalse(withKey.get("local").apiKey().present());
        assertEquals(claude.configHash(), withOtherKey.get("claude").configHash());
        assertEquals(64, claude.configHash().length());
        assertFalse(ConfigHash.canonicalJson(claude.config()).contains("sk-ant"));
        assertNotEquals(claude.configHash(), withKey.get("local").configHash());
    }

    @Test
    void theConfigHashChangesWithAnySetting() {
        ModelConfig base = ModelCatalogFile.parse("t.yaml", FULL, name -> null).get(1);
        ModelConfig warmer = new ModelConfig(base.name(), base.provider(), base.endpoint(), base.modelId(), base.apiKeyEnv(),
                base.prices(), base.maxConcurrency(), base.requestsPerMinute(), base.tokensPerMinute(), base.timeout(), 0.9,
                base.maxTokens(), base.systemPrompt(), base.promptTemplate(), base.stream(), base.anthropicVersion());
        assertNotEquals(ConfigHash.of(base), ConfigHash.of(warmer));
        assertEquals(ConfigHash.of(base), ConfigHash.of(ModelCatalogFile.parse("t.yaml", FULL, name -> null).get(1)));
    }
}
