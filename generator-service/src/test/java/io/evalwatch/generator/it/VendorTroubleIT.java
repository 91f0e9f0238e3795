package io.evalwatch.generator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.GenerationError.Reasons;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.generator.testing.PrometheusText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Vendor trouble against the simulator: 30% of attempts answered 429 with Retry-After: 1 (sim-throttled), and a
 * model too slow for its timeout (cutoff). Every item must come out exactly once, answered or failed with a reason,
 * and the generator's count of attempts must agree with the simulator's count of requests.
 */
class VendorTroubleIT {

    private static final double INPUT_PRICE = 3.0;
    private static final double OUTPUT_PRICE = 15.0;
    private static ItStack stack;

    @BeforeAll
    static void start() {
        stack = ItStack.get();
    }

    @Test
    void withThirtyPercentRateLimitedEveryItemEndsOnceAndEveryAttemptIsCounted() {
        int count = 60;
        String run = ItSuite.newRun("throttled");
        List<TaskDispatched> items = ItSuite.items(run, "throttled", count);
        stack.topics.dispatchAll(items);
        List<ConsumerRecord<String, GenerationCompleted>> records = stack.topics.awaitRun(run,
                r -> r.size() >= count, Duration.ofSeconds(120));
        // a little longer: a duplicate would arrive now
        records = stack.topics.awaitRun(run, r -> false, Duration.ofSeconds(1));

        assertEquals(count, records.size(), "none lost, none duplicated");
        assertEquals(items.stream().map(TaskDispatched::itemId).collect(Collectors.toSet()),
                records.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));

        int answered = 0;
        int rateLimitedAttempts = 0;
        int retries = 0;
        for (ConsumerRecord<String, GenerationCompleted> record : records) {
            GenerationCompleted g = record.value();
            assertEquals(g.itemId(), record.key());
            if (g.error() == null) {
                answered++;
                rateLimitedAttempts += g.attempts() - 1;
                retries += g.attempts() - 1;
                assertNotNull(g.code());
                // Retry-After: 1 was honoured for every 429
                assertTrue(g.timings().queueSeconds() >= 1.0 * (g.attempts() - 1), g.timings() + " after " + g.attempts());
            } else {
                assertEquals(Reasons.RATE_LIMITED, g.error().reason(), g.error().toString());
                assertEquals(4, g.attempts(), "bounded: max attempts, then a reason");
                assertEquals(429, g.error().httpStatus());
                rateLimitedAttempts += g.attempts();
                retries += g.attempts() - 1;
            }
            assertTrue(g.attempts() >= 1 && g.attempts() <= 4);
            // cost is every attempt's tokens at the catalogue's prices (a 429 carries none)
            assertEquals((g.usage().inputTokens() * INPUT_PRICE + g.usage().outputTokens() * OUTPUT_PRICE) / 1e6,
                    g.costUsd(), 1e-12);
        }
        int retried = (int) records.stream().filter(r -> r.value().attempts() > 1).count();
        System.out.printf("[trouble] %d items: %d answered, %d failed, %d retried, %d attempts answered 429%n",
                count, answered, count - answered, retried, rateLimitedAttempts);
        assertTrue(retried >= 6, "30% of first attempts are 429: expected about 18 retried items, saw " + retried);

        String simulatorMetrics = stack.get(stack.simulator, "/q/metrics");
        assertEquals(rateLimitedAttempts, (int) PrometheusText.value(simulatorMetrics, "evalwatch_simulator_requests_total",
                Map.of("model", "sim-throttled", "status", "429")), "the simulator sent exactly the 429s the items saw");
        assertEquals(answered, (int) PrometheusText.value(simulatorMetrics, "evalwatch_simulator_requests_total",
                Map.of("model", "sim-throttled", "status", "200")), "and answered each answered item once");
        String generatorMetrics = stack.get(stack.generator, "/q/metrics");
        assertEquals(retries, (int) PrometheusText.value(generatorMetrics, "evalwatch_generation_retries_total",
                Map.of("model", "throttled", "reason", "rate_limited")));
    }

    @Test
    void attemptsCutOffByTheTimeoutAreAllInTheCost() {
        String run = ItSuite.newRun("cutoff");
        TaskDispatched item = ItSuite.items(run, "cutoff", 1).get(0);
        stack.topics.dispatch(item);
        GenerationCompleted g = stack.topics.awaitRun(run, r -> !r.isEmpty(), Duration.ofSeconds(60)).get(0).value();
        assertNotNull(g.error());
        assertEquals(Reasons.TIMEOUT, g.error().reason());
        assertEquals(4, g.attempts());
        // each attempt got its input tokens reported (message_start) and a few tokens before the 0.5 s timeout:
        // 100 ms to the first token, then 10 tokens/s
        assertTrue(g.usage().outputTokens() >= 4 * 3 && g.usage().outputTokens() <= 4 * 6, g.usage().toString());
        assertTrue(g.usage().inputTokens() > 0 && g.usage().inputTokens() % 4 == 0, "four equal prompts: " + g.usage());
        double oneAttempt = (g.usage().inputTokens() / 4.0 * INPUT_PRICE + 3 * OUTPUT_PRICE) / 1e6;
        assertTrue(g.costUsd() > 3 * oneAttempt, "cost " + g.costUsd() + " includes the retries");
        assertEquals((g.usage().inputTokens() * INPUT_PRICE + g.usage().outputTokens() * OUTPUT_PRICE) / 1e6,
                g.costUsd(), 1e-12);
        assertNull(g.code());
        System.out.printf("[trouble] cutoff: %d attempts, usage %s, cost $%.8f%n", g.attempts(), g.usage(), g.costUsd());
    }
}
