package io.evalwatch.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.EvalwatchCommand;
import io.evalwatch.cli.RunWatcher;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.GenerationError.Reasons;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.Topics;
import io.evalwatch.events.serde.GenerationCompletedDeserializer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The quirks of real servers (issue 15), played by the simulator, end to end: errors inside a stream are never
 * answers, a server still loading is waited for, cached and reasoning tokens are counted and priced, a server that
 * answers as another model fails the item unless the model is an alias. Checked on the GenerationCompleted events
 * the generator published and on the items reporting stored.
 */
class ProviderQuirksIT {

    private static final List<String> TASKS = List.of("luhn-checksum", "add-months", "chunk-list");
    private static final List<String> MODELS = List.of(ProviderQuirks.STREAM_ERROR, ProviderQuirks.LOADING,
            ProviderQuirks.CACHED_REASONING, ProviderQuirks.OTHER_MODEL, ProviderQuirks.OTHER_MODEL_ALIAS);

    @Test
    void eachQuirkEndsItsItemsAsDescribed() throws Exception {
        EvalwatchApi api = StackFixture.api();
        ObjectNode request = new ObjectMapper().createObjectNode().put("suite", "starter");
        request.putPOJO("models", MODELS);
        request.put("samples", 1);
        request.putPOJO("tasks", TASKS);
        String runId = api.startRun(request).path("runId").asText();
        int expected = MODELS.size() * TASKS.size();
        JsonNode report = new RunWatcher(api, System.out).await(runId, expected, Duration.ofMinutes(5));
        assertEquals("completed", report.path("status").asText(), report.toPrettyString());

        Map<String, GenerationCompleted> generations = generations(runId, expected);
        for (String task : TASKS) {
            String at = " (task " + task + ")";
            GenerationCompleted streamError = generations.get(ItemIds.of(runId, task, ProviderQuirks.STREAM_ERROR, 0, "base"));
            assertNotNull(streamError.error(), "an error line in the stream is never an answer" + at);
            assertEquals(Reasons.SERVER_ERROR, streamError.error().reason(), streamError.error().toString());
            assertNull(streamError.code(), at);

            GenerationCompleted loading = generations.get(ItemIds.of(runId, task, ProviderQuirks.LOADING, 0, "base"));
            assertNull(loading.error(), "a server still loading is retried until it answers" + at);
            assertFalse(loading.code().isBlank(), at);

            GenerationCompleted cached = generations.get(ItemIds.of(runId, task, ProviderQuirks.CACHED_REASONING, 0, "base"));
            assertNull(cached.error(), at);
            assertEquals(ProviderQuirks.CACHED_TOKENS, cached.usage().cacheReadInputTokens(), cached.usage() + at);
            assertEquals(ProviderQuirks.REASONING_TOKENS, cached.usage().reasoningTokens(), cached.usage() + at);
            assertFalse(cached.usage().estimated(), at);
            double cost = ((cached.usage().inputTokens() - ProviderQuirks.CACHED_TOKENS) * 1.00
                    + ProviderQuirks.CACHED_TOKENS * 0.10 + cached.usage().outputTokens() * 2.00) / 1e6;
            assertEquals(cost, cached.costUsd(), 1e-12, "cached input priced at the cache_read price" + at);
            assertFalse(cached.output().contains("Let me think"), "reasoning is not the answer" + at);
            assertNotNull(cached.timings().firstAnswerTokenSeconds(), at);
            assertTrue(cached.timings().ttftSeconds() <= cached.timings().firstAnswerTokenSeconds(), cached.timings() + at);

            GenerationCompleted other = generations.get(ItemIds.of(runId, task, ProviderQuirks.OTHER_MODEL, 0, "base"));
            assertNotNull(other.error(), "an answer from another model does not count" + at);
            assertEquals(Reasons.MODEL_MISMATCH, other.error().reason(), at);
            assertEquals(ProviderQuirks.ANSWERS_AS, other.provenance().responseModelId(), at);

            GenerationCompleted alias = generations.get(ItemIds.of(runId, task, ProviderQuirks.OTHER_MODEL_ALIAS, 0, "base"));
            assertNull(alias.error(), "an alias accepts the served model" + at);
            assertEquals(ProviderQuirks.ANSWERS_AS, alias.provenance().responseModelId(), "and records it" + at);
            assertEquals(Boolean.TRUE, alias.provenance().modelAlias(), at);
        }
        assertTrue(generations.values().stream().filter(g -> g.model().equals(ProviderQuirks.STREAM_ERROR))
                .anyMatch(g -> g.error().message().contains("context shift is disabled")),
                "the vendor's own message is kept");
        int loadingAttempts = generations.values().stream().filter(g -> g.model().equals(ProviderQuirks.LOADING))
                .mapToInt(GenerationCompleted::attempts).sum();
        assertEquals(TASKS.size() + ProviderQuirks.LOADING_REQUESTS, loadingAttempts,
                "one extra attempt for each request the loading server turned away");

        // reporting scores the failed quirks as provider errors, never as answers
        JsonNode items = api.items(runId);
        assertEquals(expected, items.size());
        for (JsonNode item : items) {
            String model = item.path("model").asText();
            boolean providerError = model.equals(ProviderQuirks.STREAM_ERROR) || model.equals(ProviderQuirks.OTHER_MODEL);
            assertEquals(providerError, "provider_error".equals(item.path("failureCategory").asText()), item.toString());
            if (providerError) {
                assertFalse(item.path("passed").asBoolean(), item.toString());
            }
        }
    }

    @Test
    void modelsCheckSaysWhatWorksAndWhatToFix() {
        String generator = StackFixture.stack().url("generator-service");
        CommandLine cli = new CommandLine(new EvalwatchCommand());
        assertEquals(0, cli.execute("models", "check", "sim-alpha", "--generator-url", generator),
                "a well-configured simulated model passes every check");
        assertEquals(1, cli.execute("models", "check", ProviderQuirks.OTHER_MODEL, "--generator-url", generator),
                "a model served under another id fails the check");
        JsonNode check = StackFixture.api().checkModels(generator, ProviderQuirks.OTHER_MODEL);
        JsonNode echoed = null;
        for (JsonNode c : check.path("checks")) {
            if (c.path("check").asText().equals("model id echoed")) {
                echoed = c;
            }
        }
        assertNotNull(echoed, check.toPrettyString());
        assertEquals("fail", echoed.path("status").asText(), check.toPrettyString());
        assertTrue(echoed.path("fix").asText().contains("accepted_model_ids"), check.toPrettyString());
    }

    private static Map<String, GenerationCompleted> generations(String runId, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, StackFixture.stack().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "provider-quirks-it-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<String, GenerationCompleted> byItem = new HashMap<>();
        try (KafkaConsumer<String, GenerationCompleted> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new GenerationCompletedDeserializer())) {
            consumer.subscribe(List.of(Topics.GENERATIONS));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (byItem.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, GenerationCompleted> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null && runId.equals(r.value().runId())) {
                        byItem.put(r.value().itemId(), r.value());
                    }
                }
            }
        }
        assertEquals(expected, byItem.size(), "every item's GenerationCompleted is on " + Topics.GENERATIONS);
        return byItem;
    }
}
