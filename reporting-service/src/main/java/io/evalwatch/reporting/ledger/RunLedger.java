package io.evalwatch.reporting.ledger;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.ItemScored;
import io.evalwatch.events.RunCompleted;
import io.evalwatch.events.RunStarted;
import io.evalwatch.events.Topics;
import io.evalwatch.outbox.Outbox;
import io.evalwatch.reporting.metrics.ReportingMetrics;
import io.evalwatch.reporting.stream.RunStream;
import io.evalwatch.reporting.stream.StreamRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The book of runs and items. Every write is idempotent (upsert by item id), and a run ends exactly once: the run
 * row is locked while its items are counted, so concurrent consumers cannot both end it. It completes when every
 * expected item is scored or dead-lettered, or ends incomplete when it stalls past its deadline (see RunDeadlines);
 * an item arriving after either is kept but changes no status. The ending's RunCompleted is written to the outbox in
 * the same transaction, so it leaves only once the ending is committed.
 */
@ApplicationScoped
@Transactional
public class RunLedger {

    private static final Logger LOG = Logger.getLogger(RunLedger.class);
    private final Outbox outbox;
    private final ReportingMetrics metrics;
    private final StreamRegistry streams;

    public RunLedger(Outbox outbox, ReportingMetrics metrics, StreamRegistry streams) {
        this.outbox = outbox;
        this.metrics = metrics;
        this.streams = streams;
    }

    public void runStarted(RunStarted event) {
        RunRecord run = lockOrCreate(event.runId());
        run.suite = event.suite();
        run.suiteVersion = event.suiteVersion();
        run.models = event.models();
        run.samples = event.samples();
        run.expectedItems = event.expectedItems();
        run.trigger = event.trigger();
        run.monitor = event.monitor();
        run.series = event.series();
        run.taskHashes = event.taskHashes().isEmpty() ? null : event.taskHashes();
        run.startedAt = event.occurredAt();
        streams.register(event);
        completeIfDone(run);
    }

    public void itemScored(ItemScored event) {
        RunCounts run = lockCounts(event.runId());
        ItemResult existing = ItemResult.findById(event.itemId());
        ItemResult item = existing == null ? new ItemResult() : existing;
        item.itemId = event.itemId();
        ItemResultMapping.apply(event, item);
        if (existing == null) {
            item.persist();
            metrics.itemScored(event);
            itemStored(run);
        }
    }

    /** An item that a stage could not process: counted as errored so that its run can still complete. */
    public void itemErrored(String itemId, String stage, String reason) {
        String runId = ItemIds.runIdOf(itemId);
        RunCounts run = lockCounts(runId);
        ItemResult existing = ItemResult.findById(itemId);
        if (existing != null) {
            return; // already scored (or already counted): a late dead letter changes nothing
        }
        ItemResult item = new ItemResult();
        item.itemId = itemId;
        item.runId = runId;
        String[] parts = itemId.split("/");
        if (parts.length >= 5) {
            item.taskId = parts[1];
            item.model = String.join("/", java.util.Arrays.copyOfRange(parts, 2, parts.length - 2));
            item.sample = parseOrZero(parts[parts.length - 2]);
            item.variant = parts[parts.length - 1];
        }
        item.suite = run.suite();
        item.suiteVersion = run.suiteVersion();
        item.errored = true;
        item.errorStage = stage;
        item.failureCategory = FailureCategory.PIPELINE_ERROR.label();
        item.output = reason;
        item.scoredAt = Instant.now();
        item.persist();
        metrics.itemErrored(stage);
        itemStored(run);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RunRecord> find(String runId) {
        return Optional.ofNullable(RunRecord.findById(runId));
    }

    private RunRecord lockOrCreate(String runId) {
        insertIfAbsent(runId);
        return RunRecord.findById(runId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** What an item's write needs of its run, read under the run's lock. */
    private record RunCounts(String runId, int stored, Integer expected, String suite, String suiteVersion) {
    }

    /**
     * Locks the run's row like {@link #lockOrCreate} but reads only its counts and names: the row also holds the
     * task map of every task the run dispatched, and loading (then rewriting) that for each item made an item's cost
     * grow with the size of its run.
     */
    private RunCounts lockCounts(String runId) {
        insertIfAbsent(runId);
        Object[] row = (Object[]) RunRecord.getEntityManager().createNativeQuery("select stored_items, expected_items,"
                        + " suite, suite_version from run_record where run_id = ?1 for update")
                .setParameter(1, runId).getSingleResult();
        return new RunCounts(runId, ((Number) row[0]).intValue(), row[1] == null ? null : ((Number) row[1]).intValue(),
                (String) row[2], (String) row[3]);
    }

    /** Counts a newly stored item on its run's row (locked by {@link #lockCounts}); ends the run if it was the last. */
    private void itemStored(RunCounts run) {
        RunRecord.getEntityManager()
                .createNativeQuery("update run_record set stored_items = stored_items + 1 where run_id = ?1")
                .setParameter(1, run.runId()).executeUpdate();
        if (run.expected() != null && run.stored() + 1 >= run.expected()) {
            completeIfDone(RunRecord.findById(run.runId())); // the entity only for the last item: it ends the run
        }
    }

    private static void insertIfAbsent(String runId) {
        // runs, scores and dead letters are consumed concurrently and any of them may see a run first
        RunRecord.getEntityManager()
                .createNativeQuery("insert into run_record (run_id, status) values (?1, ?2) on conflict (run_id) do nothing")
                .setParameter(1, runId).setParameter(2, RunRecord.RUNNING).executeUpdate();
    }

    private void completeIfDone(RunRecord run) {
        if (run.ended() || run.expectedItems == null) {
            return;
        }
        long stored = run.storedItems;
        if (stored < run.expectedItems) {
            return;
        }
        long errored = ItemResult.count("runId = ?1 and errored = true", run.runId);
        run.status = RunRecord.COMPLETED;
        run.completedAt = Instant.now();
        announce(new RunCompleted(RunCompleted.SCHEMA_VERSION, run.runId, run.suite, run.suiteVersion,
                run.expectedItems, (int) (stored - errored), (int) errored, run.completedAt));
        metrics.runCompleted(run, ItemResult.ofRun(run.runId));
        LOG.infof("run %s completed: %d items (%d errored)", run.runId, stored, errored);
    }

    /** Announced runs still running whose last item (or announcement) is older than the cutoff. */
    @Transactional(Transactional.TxType.SUPPORTS)
    @SuppressWarnings("unchecked")
    public List<String> stalledSince(Instant cutoff) {
        return RunRecord.getEntityManager().createNativeQuery("select r.run_id from run_record r"
                        + " where r.status = ?1 and r.expected_items is not null and coalesce("
                        + "(select max(i.scored_at) from item_result i where i.run_id = r.run_id), r.started_at) < ?2")
                .setParameter(1, RunRecord.RUNNING).setParameter(2, cutoff).getResultList();
    }

    /**
     * Ends a run that saw no item since the cutoff as incomplete, listing the expected items it never saw; false
     * when it ended or moved meanwhile. The run is locked first, so a last item arriving now either lands before
     * (and the run is not stalled any more, or completes) or after (kept, status unchanged).
     */
    public boolean endIfStalled(String runId, Instant cutoff) {
        RunRecord run = RunRecord.findById(runId, LockModeType.PESSIMISTIC_WRITE);
        if (run == null || run.ended() || run.expectedItems == null) {
            return false;
        }
        Instant last = ItemResult.lastScoredOfRun(runId).orElse(run.startedAt);
        if (last != null && !last.isBefore(cutoff)) {
            return false;
        }
        List<String> missing = ExpectedItems.of(run, RunStream.ofRun(runId), ItemResult.kindsOfRun(runId))
                .missingFrom(ItemResult.idsOfRun(runId));
        long stored = ItemResult.countOfRun(runId);
        long errored = ItemResult.count("runId = ?1 and errored = true", runId);
        run.status = RunRecord.INCOMPLETE;
        run.completedAt = Instant.now();
        run.missingCount = missing.size();
        run.missingItems = List.copyOf(missing.subList(0, Math.min(missing.size(), RunRecord.MISSING_LISTED)));
        announce(new RunCompleted(RunCompleted.SCHEMA_VERSION, run.runId, run.suite, run.suiteVersion,
                run.expectedItems, (int) (stored - errored), (int) errored, run.completedAt, true, missing.size()));
        metrics.runIncomplete(run);
        LOG.warnf("run %s ended incomplete: no item since %s, %d of %d expected items missing (first: %s)", runId,
                last, missing.size(), run.expectedItems, missing.isEmpty() ? "-" : missing.get(0));
        return true;
    }

    private void announce(RunCompleted ended) {
        outbox.publish(Topics.ALERTS, ended.runId(), ended);
    }

    private static int parseOrZero(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
