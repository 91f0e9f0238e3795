package io.evalwatch.task.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GenerationConfigTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String ENTRY = """
            name: m
            provider: openai
            endpoint: http://127.0.0.1:8090/v1
            model_id: m-2025-01-01
            api_key_env: KEY
            price_per_million_tokens: {input: 1.0, output: 2.0}
            max_concurrency: 8
            requests_per_minute: 100
            tokens_per_minute: 1000
            timeout_seconds: 60
            temperature: 0.8
            max_tokens: 512
            """;

    @Test
    void pricesLimitsAndTimeoutsDoNotChangeTheHash() throws Exception {
        String hash = hash(ENTRY);
        assertEquals(hash, hash(ENTRY.replace("input: 1.0", "input: 9.0")));
        assertEquals(hash, hash(ENTRY.replace("max_concurrency: 8", "max_concurrency: 2")));
        assertEquals(hash, hash(ENTRY.replace("requests_per_minute: 100", "requests_per_minute: 5")));
        assertEquals(hash, hash(ENTRY.replace("tokens_per_minute: 1000", "tokens_per_minute: 5")));
        assertEquals(hash, hash(ENTRY.replace("timeout_seconds: 60", "timeout_seconds: 120")));
        assertEquals(hash, hash(ENTRY.replace("api_key_env: KEY", "api_key_env: OTHER_KEY")));
        assertEquals(hash, hash(ENTRY + "stream: true\nanthropic_version: 2023-06-01\n"), "defaults written out");
        assertEquals(hash, hash(ENTRY.replace("/v1", "/v1/")));
    }

    @Test
    void whatDecidesTheAnswersChangesTheHash() throws Exception {
        String hash = hash(ENTRY);
        assertNotEquals(hash, hash(ENTRY.replace("provider: openai", "provider: anthropic")));
        assertNotEquals(hash, hash(ENTRY.replace("8090", "8091")));
        assertNotEquals(hash, hash(ENTRY.replace("m-2025-01-01", "m-2025-02-01")));
        assertNotEquals(hash, hash(ENTRY.replace("temperature: 0.8", "temperature: 0.2")));
        assertNotEquals(hash, hash(ENTRY.replace("max_tokens: 512", "max_tokens: 1024")));
        assertNotEquals(hash, hash(ENTRY + "system_prompt: be brief\n"));
        assertNotEquals(hash, hash(ENTRY + "prompt_template: \"{prompt}\"\n"));
        assertNotEquals(hash, hash(ENTRY + "stream: false\n"));
        assertNotEquals(hash, hash(ENTRY + "anthropic_version: 2024-01-01\n"));
    }

    @Test
    void theCatalogueGivesEveryModelItsConfiguration() {
        var configs = ModelCatalog.generationConfigs(Path.of("src/test/resources/models.yaml"));
        assertEquals(java.util.List.of("model-a", "model-b", "judge-a", "judge-x"),
                java.util.List.copyOf(configs.keySet()));
        assertEquals(configs.get("model-a").hash(), configs.get("model-b").hash(), "same settings, same hash");
    }

    @Test
    void familiesAreOptionalComparedInLowerCaseAndLeaveTheHashAlone() throws Exception {
        var families = ModelCatalog.families(Path.of("src/test/resources/models.yaml"));
        assertEquals(java.util.Map.of("model-a", "fam-a", "judge-a", "fam-a", "judge-x", "fam-x"), families);
        assertEquals(hash(ENTRY), hash(ENTRY + "family: openai-gpt-4\n"), "a family changes no answer");
    }

    @Test
    void aMalformedFamilyIsRefusedNamingTheModel() throws Exception {
        JsonNode entry = YAML.readTree(ENTRY + "family: [a, b]\n");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ModelCatalog.familyOf("m", entry));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("'m'"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> ModelCatalog.familyOf("m", YAML.readTree(ENTRY + "family: \"two words\"\n")));
    }

    private static String hash(String yaml) throws Exception {
        JsonNode node = YAML.readTree(yaml);
        return GenerationConfig.of(node).hash();
    }
}
