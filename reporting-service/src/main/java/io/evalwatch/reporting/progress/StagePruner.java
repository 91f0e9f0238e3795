package io.evalwatch.reporting.progress;

import io.evalwatch.reporting.config.ReportingConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Prunes the progress rows of ended runs: {@code evalwatch.progress.retention} after a run ended (completed or
 * incomplete) its counts per stage are kept on its row and its item_stage rows deleted, each run in its own
 * transaction. Progress reads the kept counts from then on, so a run's figures do not change; the table holds the
 * runs in flight and the recently ended ones instead of two rows for every item ever run.
 */
@ApplicationScoped
public class StagePruner {

    private static final Logger LOG = Logger.getLogger(StagePruner.class);
    private static final int BATCH = 100;

    private final StageLedger stages;
    private final ReportingConfig config;

    public StagePruner(StageLedger stages, ReportingConfig config) {
        this.stages = stages;
        this.config = config;
    }

    @Scheduled(every = "${evalwatch.progress.prune-every:10m}", delayed = "${evalwatch.progress.prune-every:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        pruneEndedBefore(Instant.now().minus(config.progress().retention()));
    }

    /** Prunes every run that ended before the cutoff; returns how many. A failure ends the round: tried again next. */
    public int pruneEndedBefore(Instant cutoff) {
        int runs = 0;
        long rows = 0;
        List<String> batch;
        do {
            batch = stages.prunable(cutoff, BATCH);
            for (String runId : batch) {
                try {
                    rows += stages.prune(runId);
                    runs++;
                } catch (RuntimeException e) {
                    LOG.errorf(e, "could not prune the progress rows of run %s; tried again at the next round", runId);
                    return runs;
                }
            }
        } while (batch.size() == BATCH);
        if (runs > 0) {
            LOG.infof("pruned the progress rows of %d ended run(s): %d rows, their counts kept on the runs", runs, rows);
        }
        return runs;
    }
}
