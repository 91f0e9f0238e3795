package io.evalwatch.reporting.progress;

import io.evalwatch.events.ItemIds;
import io.evalwatch.reporting.ledger.RunRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * Which stages each item has passed, counted per run for {@link RunProgress}: generations and executions as they
 * appear on their topics (one row per item and stage, so a redelivered event counts once), scored and errored items
 * from the items reporting stores anyway.
 */
@ApplicationScoped
public class StageLedger {

    static final String GENERATED = "generated";
    static final String EXECUTED = "executed";

    private final EntityManager em;

    public StageLedger(EntityManager em) {
        this.em = em;
    }

    /** A generation appeared: needsExecution when the sandbox runs it next, failed when the model gave no answer. */
    @Transactional
    public void generated(String itemId, boolean needsExecution, boolean failed) {
        record(itemId, GENERATED, needsExecution, failed);
    }

    @Transactional
    public void executed(String itemId) {
        record(itemId, EXECUTED, false, false);
    }

    private void record(String itemId, String stage, boolean needsExecution, boolean failed) {
        em.createNativeQuery("insert into item_stage (item_id, stage, run_id, needs_execution, failed, seen_at)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6) on conflict (item_id, stage) do nothing")
                .setParameter(1, itemId).setParameter(2, stage).setParameter(3, ItemIds.runIdOf(itemId))
                .setParameter(4, needsExecution).setParameter(5, failed).setParameter(6, Instant.now())
                .executeUpdate();
    }

    /** The run's counts per stage; empty while reporting has seen neither the run nor any of its items. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RunProgress> progress(String runId) {
        Object[] stages = (Object[]) em.createNativeQuery("select"
                        + " count(*) filter (where stage = 'generated'),"
                        + " count(*) filter (where stage = 'generated' and failed),"
                        + " count(*) filter (where stage = 'generated' and needs_execution),"
                        + " count(*) filter (where stage = 'executed')"
                        + " from item_stage where run_id = ?1")
                .setParameter(1, runId).getSingleResult();
        Object[] items = (Object[]) em.createNativeQuery("select count(*) filter (where not errored),"
                        + " count(*) filter (where errored) from item_result where run_id = ?1")
                .setParameter(1, runId).getSingleResult();
        RunRecord run = RunRecord.findById(runId);
        long generated = count(stages[0]);
        if (run == null && generated == 0 && count(items[0]) + count(items[1]) == 0) {
            return Optional.empty();
        }
        return Optional.of(new RunProgress(runId, run == null ? RunRecord.RUNNING : run.status,
                run == null ? null : run.expectedItems, generated, count(stages[1]), count(stages[2]),
                count(stages[3]), count(items[0]), count(items[1]), run == null ? null : run.startedAt,
                run == null ? null : run.completedAt, Instant.now()));
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
