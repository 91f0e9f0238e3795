package io.evalwatch.reporting.ledger;

import io.evalwatch.reporting.config.ReportingConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Ends the runs that stopped making progress: a run with no new item for {@code evalwatch.runs.stall-timeout}
 * (a stage down, items lost upstream) ends incomplete with its missing items listed, so nothing waits on it forever
 * and it is never reported complete with gaps. Each run is ended in its own transaction.
 */
@ApplicationScoped
public class RunDeadlines {

    private static final Logger LOG = Logger.getLogger(RunDeadlines.class);

    private final RunLedger ledger;
    private final ReportingConfig config;

    public RunDeadlines(RunLedger ledger, ReportingConfig config) {
        this.ledger = ledger;
        this.config = config;
    }

    @Scheduled(every = "${evalwatch.runs.check-every:30s}", delayed = "${evalwatch.runs.check-every:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        Instant cutoff = Instant.now().minus(config.runs().stallTimeout());
        for (String runId : ledger.stalledSince(cutoff)) {
            try {
                ledger.endIfStalled(runId, cutoff);
            } catch (RuntimeException e) {
                LOG.errorf(e, "could not end stalled run %s; tried again at the next check", runId);
            }
        }
    }
}
