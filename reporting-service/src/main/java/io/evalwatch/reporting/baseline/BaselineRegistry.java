package io.evalwatch.reporting.baseline;

import io.evalwatch.reporting.ledger.RunRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Which run is the baseline of a model, and moving it forward when a run is accepted. */
@ApplicationScoped
@Transactional
public class BaselineRegistry {

    /** Runs are comparable when they ran the same suite version with the same number of samples. */
    public static String configKey(RunRecord run) {
        return "samples=" + run.samples;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Baseline> find(String model, RunRecord run) {
        return Baseline.of(model, run.suite, run.suiteVersion, configKey(run));
    }

    /** Makes the run the baseline of the model, unless a pinned baseline is in place. */
    public void accept(String model, RunRecord run) {
        Optional<Baseline> existing = find(model, run);
        if (existing.isPresent() && existing.get().pinned) {
            return;
        }
        Baseline baseline = existing.orElseGet(Baseline::new);
        baseline.model = model;
        baseline.suite = run.suite;
        baseline.suiteVersion = run.suiteVersion;
        baseline.configKey = configKey(run);
        baseline.runId = run.runId;
        baseline.pinned = false;
        baseline.acceptedAt = Instant.now();
        baseline.persist();
    }

    /** Pins a completed run as the baseline of the model until it is unpinned. */
    public Baseline pin(String model, RunRecord run) {
        Baseline baseline = find(model, run).orElseGet(Baseline::new);
        baseline.model = model;
        baseline.suite = run.suite;
        baseline.suiteVersion = run.suiteVersion;
        baseline.configKey = configKey(run);
        baseline.runId = run.runId;
        baseline.pinned = true;
        baseline.acceptedAt = Instant.now();
        baseline.persist();
        return baseline;
    }

    public boolean unpin(String model, String suite) {
        List<Baseline> pinned = Baseline.list("model = ?1 and suite = ?2 and pinned = true", model, suite);
        pinned.forEach(b -> b.pinned = false);
        return !pinned.isEmpty();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Baseline> all() {
        return Baseline.list("order by model, suite, acceptedAt desc");
    }
}
