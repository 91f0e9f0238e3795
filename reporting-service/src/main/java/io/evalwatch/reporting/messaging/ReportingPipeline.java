package io.evalwatch.reporting.messaging;

import io.evalwatch.events.ItemScored;
import io.evalwatch.events.JudgeCompleted;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.Topics;
import io.evalwatch.outbox.DatabaseOutage;
import io.evalwatch.reporting.ledger.JudgementLedger;
import io.evalwatch.reporting.ledger.RunLedger;
import io.evalwatch.reporting.metrics.ReportingMetrics;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the ledger from Kafka: run announcements, scores, and the dead letters of every stage. Each write waits out
 * a database that cannot be reached ({@link DatabaseOutage}) rather than dead-lettering a record that is fine.
 */
@ApplicationScoped
public class ReportingPipeline {

    /** Dead-letter topics of the item stages: each record there is an item its run counts as errored. */
    static final Set<String> ITEM_DEAD_LETTERS = Set.of(Topics.deadLetter(Topics.TASKS),
            Topics.deadLetter(Topics.GENERATIONS), Topics.deadLetter(Topics.EXECUTIONS),
            Topics.deadLetter(Topics.SCORES));

    private final RunLedger ledger;
    private final JudgementLedger judgements;
    private final ReportingMetrics metrics;
    private final DatabaseOutage outage = new DatabaseOutage();

    public ReportingPipeline(RunLedger ledger, JudgementLedger judgements, ReportingMetrics metrics) {
        this.ledger = ledger;
        this.judgements = judgements;
        this.metrics = metrics;
    }

    /** LLM judgements: stored beside the items, whichever arrives first; they never complete or fail a run. */
    @Incoming("judgements")
    @Blocking
    public void judged(JudgeCompleted event) {
        outage.write("judgement of " + event.itemId(), () -> judgements.judged(event));
    }

    @Incoming("runs")
    @Blocking
    public void runStarted(RunStarted event) {
        outage.write("run " + event.runId(), () -> ledger.runStarted(event));
    }

    @Incoming("scores")
    @Blocking
    public void itemScored(ItemScored event) {
        outage.write("item " + event.itemId(), () -> ledger.itemScored(event));
    }

    @Incoming("dead-letters")
    @Blocking
    public void deadLetter(ConsumerRecord<String, byte[]> record) {
        metrics.deadLetter(record.topic());
        if (!ITEM_DEAD_LETTERS.contains(record.topic())) {
            return; // a run announcement, a judgement or an alert: counted, kept in its DLQ, no item to error
        }
        if (record.key() == null || record.key().isBlank()) {
            return; // nothing identifies an item; the DLQ keeps the record for inspection
        }
        String stage = record.topic().replace(".dlq", "");
        String reason = header(record, "dead-letter-reason");
        outage.write("dead letter of " + record.key(), () -> ledger.itemErrored(record.key(), stage, reason));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? "unknown" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
