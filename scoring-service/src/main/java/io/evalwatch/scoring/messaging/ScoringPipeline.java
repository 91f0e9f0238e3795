package io.evalwatch.scoring.messaging;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.ItemScored;
import io.evalwatch.scoring.score.ItemScorer;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Scores executed items from the sandbox, and generations that never go there (provider failures, and the answers
 * of the kinds that are not executed: review, search), and publishes one ItemScored per item. The score is sent and
 * acknowledged before the input is committed. Records are scored side by side on a small pool (unordered: each
 * item has its own one event), so one record's wait for the broker's acknowledgement does not hold up the next.
 */
@ApplicationScoped
public class ScoringPipeline {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<ItemScored> scores;
    private final MeterRegistry registry;

    public ScoringPipeline(@Channel("scores") MutinyEmitter<ItemScored> scores, MeterRegistry registry) {
        this.scores = scores;
        this.registry = registry;
    }

    @Incoming("executions")
    @Blocking(value = "scoring-workers", ordered = false)
    public void executed(ExecutionCompleted execution) {
        publish(ItemScorer.score(execution, Instant.now()));
    }

    @Incoming("generations")
    @Blocking(value = "scoring-workers", ordered = false)
    public void generated(GenerationCompleted generation) {
        if (generation.needsExecution()) {
            return; // the sandbox executes it; its ExecutionCompleted is scored above
        }
        publish(ItemScorer.scoreUnexecuted(generation, Instant.now()));
    }

    private void publish(ItemScored scored) {
        scores.sendMessage(Message.of(scored)
                        .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(scored.itemId()).build()))
                .await().atMost(ACK_TIMEOUT);
        registry.counter("evalwatch_items_scored_total", "model", String.valueOf(scored.model()),
                "failure_category", scored.failureCategory().label()).increment();
    }
}
