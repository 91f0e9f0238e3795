package io.evalwatch.reporting.progress;

import io.evalwatch.events.GenerationCompleted;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Counts generations and executions per run as they appear on their topics, for the run's progress. Its own
 * consumer groups read beside the sandbox and scoring; a record it cannot read is skipped (failure strategy
 * ignore), as progress is a display and must never send an item to a dead-letter topic, which would fail it.
 */
@ApplicationScoped
public class StagePipeline {

    private final StageLedger stages;

    public StagePipeline(StageLedger stages) {
        this.stages = stages;
    }

    @Incoming("stage-generations")
    @Blocking
    public void generated(GenerationCompleted event) {
        if (event != null && event.itemId() != null) {
            stages.generated(event.itemId(), event.needsExecution(), event.error() != null);
        }
    }

    @Incoming("stage-executions")
    @Blocking
    public void executed(ConsumerRecord<String, byte[]> record) {
        // keyed by item id: the execution's (large) body need not be read
        if (record.key() != null && !record.key().isBlank()) {
            stages.executed(record.key());
        }
    }
}
