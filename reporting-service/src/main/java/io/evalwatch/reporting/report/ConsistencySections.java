package io.evalwatch.reporting.report;

import io.evalwatch.reporting.drift.Consistency;
import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.report.RunReport.ModelConsistency;
import io.evalwatch.reporting.verdict.DriftRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The report's consistency section: per model that ran the {@code repeat} probe, its repeats' statistics. Pure. */
public final class ConsistencySections {

    private ConsistencySections() {
    }

    public static List<ModelConsistency> of(List<ItemResult> items) {
        List<ModelConsistency> models = new ArrayList<>();
        for (String model : new TreeSet<>(items.stream().filter(i -> i.model != null).map(i -> i.model).toList())) {
            List<Consistency.Repeat> repeats = DriftRecorder.repeatsOf(items, model);
            if (!repeats.isEmpty()) {
                models.add(new ModelConsistency(model, Consistency.of(repeats)));
            }
        }
        return models;
    }
}
