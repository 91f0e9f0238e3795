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
 * from the items reporting stores anyway.
 */
@ApplicationScoped
public class StageLedger {

    static final String GENERATED = "generated";
    static final String EXECUTED = "executed";

    private static final int COLUMNS = 6;

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
        // only the fields shown: the run's entity carries its task map (a hash per task), read on every poll
        RunFields run = em.createQuery("select r.status, r.expectedItems, r.startedAt, r.completedAt from RunRecord r"
                        + " where r.runId = ?1", Object[].class)
                .setParameter(1, runId).getResultStream().findFirst()
                .map(r -> new RunFields((String) r[0], (Integer) r[1], (Instant) r[2], (Instant) r[3]))
                .orElse(null);
        long generated = count(stages[0]);
        if (run == null && generated == 0 && count(items[0]) + count(items[1]) == 0) {
            return Optional.empty();
        }
        return Optional.of(new RunProgress(runId, run == null ? RunRecord.RUNNING : run.status(),
                run == null ? null : run.expectedItems(), generated, count(stages[1]), count(stages[2]),
                count(stages[3]), count(items[0]), count(items[1]), run == null ? null : run.startedAt(),
                run == null ? null : run.completedAt(), Instant.now()));
    }

    /** The run row's fields that progress shows. */
    private record RunFields(String status, Integer expectedItems, Instant startedAt, Instant completedAt) {
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
