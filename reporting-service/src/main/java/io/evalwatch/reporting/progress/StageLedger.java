package io.evalwatch.reporting.progress;

import io.evalwatch.events.ItemIds;
import io.evalwatch.reporting.ledger.RunRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which stages each item has passed, counted per run for {@link RunProgress}: generations and executions as they
 * appear on their topics (one row per item and stage, so a redelivered event counts once), scored and errored items
 * from the items reporting stores anyway. Once a run has ended its counts move onto its row and its per-item rows go
 * ({@link StagePruner}), so the table holds the runs in flight and the recently ended, not every item ever run.
 */
@ApplicationScoped
public class StageLedger {

    static final String GENERATED = "generated";
    static final String EXECUTED = "executed";

    private static final int COLUMNS = 6;
    /** A run's counts per stage from its item_stage rows, as generated, generation_errors, to_execute, executed. */
    private static final String COUNTS = "select"
            + " count(*) filter (where stage = 'generated') as generated,"
            + " count(*) filter (where stage = 'generated' and failed) as generation_errors,"
            + " count(*) filter (where stage = 'generated' and needs_execution) as to_execute,"
            + " count(*) filter (where stage = 'executed') as executed"
            + " from item_stage where run_id = ?1";

    private final EntityManager em;

    public StageLedger(EntityManager em) {
        this.em = em;
    }

    /** An item seen at a stage: needsExecution when the sandbox runs it next, failed when the model gave no answer. */
    public record Seen(String itemId, String stage, boolean needsExecution, boolean failed) {

        static Seen generated(String itemId, boolean needsExecution, boolean failed) {
            return new Seen(itemId, GENERATED, needsExecution, failed);
        }

        static Seen executed(String itemId) {
            return new Seen(itemId, EXECUTED, false, false);
        }
    }

    /**
     * Records what one poll of a stage's topic saw, in one statement and one transaction: a row per item and stage,
     * so an event seen again (in this batch or an earlier one) counts once.
     */
    @Transactional
    public void record(List<Seen> seen) {
        if (seen.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(
                "insert into item_stage (item_id, stage, run_id, needs_execution, failed, seen_at) values ");
        for (int i = 0; i < seen.size(); i++) {
            // (?1, ?2, ..., ?6), then (?7, ..., ?12), ...
            sql.append(i == 0 ? "(" : ", (");
            for (int c = 1; c <= COLUMNS; c++) {
                sql.append(c == 1 ? "?" : ", ?").append(i * COLUMNS + c);
            }
            sql.append(')');
        }
        sql.append(" on conflict (item_id, stage) do nothing");
        var insert = em.createNativeQuery(sql.toString());
        Instant now = Instant.now();
        for (int i = 0; i < seen.size(); i++) {
            Seen s = seen.get(i);
            int p = i * COLUMNS;
            insert.setParameter(p + 1, s.itemId()).setParameter(p + 2, s.stage())
                    .setParameter(p + 3, ItemIds.runIdOf(s.itemId())).setParameter(p + 4, s.needsExecution())
                    .setParameter(p + 5, s.failed()).setParameter(p + 6, now);
        }
        insert.executeUpdate();
    }

    /** The run's counts per stage; empty while reporting has seen neither the run nor any of its items. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RunProgress> progress(String runId) {
        // only the fields shown: the run's entity carries its task map (a hash per task), read on every poll
        RunFields run = em.createQuery("select r.status, r.expectedItems, r.startedAt, r.completedAt,"
                        + " r.stageGenerated, r.stageGenerationErrors, r.stageToExecute, r.stageExecuted"
                        + " from RunRecord r where r.runId = ?1", Object[].class)
                .setParameter(1, runId).getResultStream().findFirst()
                .map(r -> new RunFields((String) r[0], (Integer) r[1], (Instant) r[2], (Instant) r[3],
                        r[4] == null ? null : new StageCounts(count(r[4]), count(r[5]), count(r[6]), count(r[7]))))
                .orElse(null);
        StageCounts stages = run != null && run.kept() != null ? run.kept() : counted(runId);
        Object[] items = (Object[]) em.createNativeQuery("select count(*) filter (where not errored),"
                        + " count(*) filter (where errored) from item_result where run_id = ?1")
                .setParameter(1, runId).getSingleResult();
        if (run == null && stages.generated() == 0 && count(items[0]) + count(items[1]) == 0) {
            return Optional.empty();
        }
        return Optional.of(new RunProgress(runId, run == null ? RunRecord.RUNNING : run.status(),
                run == null ? null : run.expectedItems(), stages.generated(), stages.generationErrors(),
                stages.toExecute(), stages.executed(), count(items[0]), count(items[1]),
                run == null ? null : run.startedAt(), run == null ? null : run.completedAt(), Instant.now()));
    }

    /** Ended runs whose per-item rows may go: ended before the cutoff and rows still there; at most limit of them. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<String> prunable(Instant cutoff, int limit) {
        return em.createNativeQuery("select r.run_id from run_record r where r.status <> ?1 and r.completed_at < ?2"
                        + " and exists (select 1 from item_stage s where s.run_id = r.run_id) limit ?3")
                .setParameter(1, RunRecord.RUNNING).setParameter(2, cutoff).setParameter(3, limit).getResultList();
    }

    /**
     * Keeps an ended run's counts per stage on its row and deletes its per-item rows; returns the rows deleted.
     * Counts kept once stay: a row seen after that is a late copy of an item already counted (a run completes once
     * every item is stored, after its generation and execution went by), or a straggler of a run that ended
     * incomplete, whose status and counts are final.
     */
    @Transactional
    public int prune(String runId) {
        em.createNativeQuery("update run_record r set stage_generated = c.generated,"
                        + " stage_generation_errors = c.generation_errors, stage_to_execute = c.to_execute,"
                        + " stage_executed = c.executed from (" + COUNTS + ") c"
                        + " where r.run_id = ?1 and r.stage_generated is null")
                .setParameter(1, runId).executeUpdate();
        return em.createNativeQuery("delete from item_stage where run_id = ?1").setParameter(1, runId)
                .executeUpdate();
    }

    private StageCounts counted(String runId) {
        Object[] c = (Object[]) em.createNativeQuery(COUNTS).setParameter(1, runId).getSingleResult();
        return new StageCounts(count(c[0]), count(c[1]), count(c[2]), count(c[3]));
    }

    /** A run's items per stage: answered or not, answers for the sandbox, executions seen. */
    private record StageCounts(long generated, long generationErrors, long toExecute, long executed) {
    }

    /** The run row's fields that progress shows; kept is null while its item_stage rows are there. */
    private record RunFields(String status, Integer expectedItems, Instant startedAt, Instant completedAt,
            StageCounts kept) {
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
