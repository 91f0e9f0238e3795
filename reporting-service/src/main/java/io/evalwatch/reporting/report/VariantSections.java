package io.evalwatch.reporting.report;

import io.evalwatch.events.FailureCategory;
import io.evalwatch.events.PromptVariant;
import io.evalwatch.events.probe.LongContext;
import io.evalwatch.reporting.drift.VariantComparison;
import io.evalwatch.reporting.ledger.ItemResult;
import io.evalwatch.reporting.report.RunReport.ModelVariants;
import io.evalwatch.reporting.report.RunReport.VariantFigures;
import io.evalwatch.reporting.stats.Percentiles;
import io.evalwatch.reporting.verdict.RunSamples;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The report's comparison of prompt variants: per model that ran more than one, each variant's figures and each
 * non-base variant against base on the same tasks ({@link VariantComparison}). Pure.
 */
public final class VariantSections {

    private VariantSections() {
    }

    public static List<ModelVariants> of(String runId, String suiteVersion, List<ItemResult> items) {
        Map<String, List<ItemResult>> byModel = items.stream().filter(i -> i.model != null)
                .collect(Collectors.groupingBy(i -> i.model, TreeMap::new, Collectors.toList()));
        List<ModelVariants> models = new ArrayList<>();
        byModel.forEach((model, modelItems) -> {
            // the consistency probe and the long-context probe's cells have sections of their own
            List<String> variants = modelItems.stream().map(ItemResult::variantOrBase)
                    .filter(v -> !LongContext.isProbeVariant(v)).distinct()
                    .filter(v -> !PromptVariant.REPEAT.id().equals(v))
                    .sorted(Comparator.comparingInt(PromptVariant::rank).thenComparing(v -> v)).toList();
            if (variants.size() < 2) {
                return;
            }
            String base = PromptVariant.BASE.id();
            List<ItemResult> baseItems = scored(modelItems, base);
            VariantFigures baseFigures = baseItems.isEmpty() ? null : figures(base, baseItems, null);
            List<VariantFigures> figures = new ArrayList<>();
            List<VariantComparison.Result> comparisons = new ArrayList<>();
            for (String variant : variants) {
                List<ItemResult> scored = scored(modelItems, variant);
                if (!scored.isEmpty()) {
                    figures.add(variant.equals(base) ? baseFigures : figures(variant, scored, baseFigures));
                }
                if (!variant.equals(base) && baseFigures != null && !scored.isEmpty()) {
                    comparisons.add(VariantComparison.compare(
                            RunSamples.of(runId, model, base, suiteVersion, modelItems, t -> true),
                            RunSamples.of(runId, model, variant, suiteVersion, modelItems, t -> true),
                            base, variant, (model + '\u0000' + variant).hashCode()));
                }
            }
            models.add(new ModelVariants(model, figures, comparisons));
        });
        return models;
    }

    static VariantFigures figures(String variant, List<ItemResult> items, VariantFigures base) {
        int passed = (int) items.stream().filter(i -> i.passed).count();
        Double ttft = Percentiles.of(items.stream().map(i -> i.ttftSeconds).toList(), 0.5);
        Double duration = Percentiles.of(items.stream().map(i -> i.durationSeconds).toList(), 0.5);
        // a completed task got an answer from the provider, as the frontier counts them
        int completed = (int) items.stream()
                .filter(i -> !FailureCategory.PROVIDER_ERROR.label().equals(i.failureCategory)).count();
        double cost = items.stream().mapToDouble(i -> i.costUsd).sum();
        return new VariantFigures(variant, items.size(), passed, passed / (double) items.size(),
                items.stream().mapToDouble(i -> i.weightedAccuracy).average().orElse(0), ttft, duration,
                items.stream().mapToInt(i -> i.outputTokens).average().orElse(0),
                completed == 0 ? null : cost / completed, completed,
                base == null ? null : change(ttft, base.ttftP50Seconds()),
                base == null ? null : change(duration, base.durationP50Seconds()));
    }

    private static Double change(Double value, Double base) {
        return value == null || base == null || base <= 0 ? null : value / base - 1;
    }

    private static List<ItemResult> scored(List<ItemResult> items, String variant) {
        return items.stream().filter(i -> !i.errored && Objects.equals(i.variantOrBase(), variant)).toList();
    }
}
