package io.evalwatch.reporting.progress;

import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.outbox.DatabaseOutage;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Counts generations and executions per run as they appear on their topics, for the run's progress. Its own
 * consumer groups read beside the sandbox and scoring, a poll's records at a time (batch channels); a record it
 * cannot read is skipped (failure strategy ignore), as progress is a display and must never send an item to a
 * dead-letter topic, which would fail it. A write waits out a database that cannot be reached ({@link
 * DatabaseOutage}): the failure strategy would otherwise skip the whole poll, and the run's progress would stay short
 * of its items for good.
 */
@ApplicationScoped
public class StagePipeline {

    private final StageLedger stages;
    private final DatabaseOutage outage = new DatabaseOutage();

    public StagePipeline(StageLedger stages) {
        this.stages = stages;
    }

    /** One poll's generations at a time, stored in one transaction: a row per item costs no commit of its own. */
    @Incoming("stage-generations")
    @Blocking
    public void generated(ConsumerRecords<String, GenerationCompleted> records) {
        List<StageLedger.Seen> seen = new ArrayList<>(records.count());
        for (ConsumerRecord<String, GenerationCompleted> record : records) {
            GenerationCompleted event = record.value(); // null: a record that could not be read, skipped
            if (event != null && event.itemId() != null) {
                seen.add(StageLedger.Seen.generated(event.itemId(), event.needsExecution(), event.error() != null));
            }
        }
        record("generations", seen);
    }

    @Incoming("stage-executions")
    @Blocking
    public void executed(ConsumerRecords<String, byte[]> records) {
        List<StageLedger.Seen> seen = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            // keyed by item id: the execution's (large) body need not be read
            if (record.key() != null && !record.key().isBlank()) {
                seen.add(StageLedger.Seen.executed(record.key()));
            }
        }
        record("executions", seen);
    }

    private void record(String stage, List<StageLedger.Seen> seen) {
        outage.write("progress of " + seen.size() + " " + stage, () -> stages.record(seen));
    }
}
