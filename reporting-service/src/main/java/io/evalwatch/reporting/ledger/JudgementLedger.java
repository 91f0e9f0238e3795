package io.evalwatch.reporting.ledger;

import io.evalwatch.events.JudgeCompleted;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Stores LLM judgements. Independent of the item's score and of the run's completion: it may come before or after
 * either, and a redelivery (or a judge asked again) replaces the row, so the latest judgement of an item stands.
 */
@ApplicationScoped
public class JudgementLedger {

    private final MeterRegistry registry;

    public JudgementLedger(MeterRegistry registry) {
        this.registry = registry;
    }

    @Transactional
    public void judged(JudgeCompleted event) {
        if (event.itemId() == null || event.runId() == null || event.judgeModel() == null) {
            throw new IllegalArgumentException("a JudgeCompleted needs itemId, runId and judgeModel");
        }
        // records of one item share a partition and are consumed in order, so find-then-write does not race
        ItemJudgement existing = ItemJudgement.findById(event.itemId());
        if (existing == null) {
            ItemJudgement.of(event).persist();
            // counted once per item, as the scores are; "none" when the judge gave no usable grade
            registry.counter("evalwatch_judgements_total", "model", String.valueOf(event.model()), "judge",
                    event.judgeModel(), "score", event.score() == null ? "none" : event.score().toString())
                    .increment();
        } else {
            existing.copy(ItemJudgement.of(event));
        }
    }
}
