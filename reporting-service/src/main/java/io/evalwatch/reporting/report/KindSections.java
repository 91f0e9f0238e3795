package io.evalwatch.reporting.report;

import io.evalwatch.reporting.ledger.ItemResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The headline figures of each task kind's report section, from its items' named measures: one method per kind, the
 * one place a kind's section is computed. Means are over the items that carry the measure; review's precision,
 * recall and F1 (overall and per tier) are micro-averaged, from the summed true positives, false positives and
 * misses, so a task with many findings weighs as much as its findings.
 */
public final class KindSections {

    private KindSections() {
    }

    /** The section's figures by name, for the items of one kind (the kind's name in lower case). */
    public static Map<String, Double> of(String kind, List<ItemResult> items) {
        Map<String, Double> figures = new LinkedHashMap<>();
        int passed = (int) items.stream().filter(i -> i.passed).count();
        figures.put("pass_rate", items.isEmpty() ? 0.0 : passed / (double) items.size());
        figures.put("weighted_score", items.stream().mapToDouble(i -> i.weightedAccuracy).average().orElse(0));
        switch (kind == null ? "" : kind) {
            case "completion" -> completion(items, figures);
            case "review" -> review(items, figures);
            case "search" -> search(items, figures);
            default -> {
                // generation: the pass rate and weighted score say it; its measures are in the quality section
            }
        }
        return figures;
    }

    private static void completion(List<ItemResult> items, Map<String, Double> figures) {
        mean(items, "completion.exact_match", figures, "exact_match");
        mean(items, "completion.edit_similarity", figures, "edit_similarity");
        mean(items, "completion.identifier_precision", figures, "identifier_precision");
        mean(items, "completion.identifier_recall", figures, "identifier_recall");
        mean(items, "completion.identifier_f1", figures, "identifier_f1");
        mean(items, "completion.invented_identifiers", figures, "invented_identifiers_per_task");
    }

    private static void review(List<ItemResult> items, Map<String, Double> figures) {
        micro(items, "review.", figures, "");
        for (int tier = 1; tier <= 3; tier++) {
            micro(items, "review.tier" + tier + ".", figures, "tier" + tier + "_");
        }
        mean(items, "review.fp", figures, "false_positives_per_task");
    }

    private static void search(List<ItemResult> items, Map<String, Double> figures) {
        mean(items, "search.mrr", figures, "mrr");
        mean(items, "search.ndcg_at_5", figures, "ndcg_at_5");
        mean(items, "search.precision_at_1", figures, "precision_at_1");
        mean(items, "search.precision_at_5", figures, "precision_at_5");
        mean(items, "search.recall_at_5", figures, "recall_at_5");
        mean(items, "search.exact_hit", figures, "exact_hit_rate");
        mean(items, "search.near_miss", figures, "near_miss_rate");
    }

    /** Precision, recall and F1 from summed counts {prefix}tp, fp, fn; nothing when no item carries them. */
    static void micro(List<ItemResult> items, String prefix, Map<String, Double> figures, String name) {
        double tp = sum(items, prefix + "tp");
        double fp = sum(items, prefix + "fp");
        double fn = sum(items, prefix + "fn");
        boolean present = items.stream().anyMatch(i -> i.metrics != null && i.metrics.containsKey(prefix + "tp"));
        if (!present) {
            return;
        }
        Double precision = tp + fp == 0 ? null : tp / (tp + fp);
        Double recall = tp + fn == 0 ? null : tp / (tp + fn);
        // an undefined ratio (nothing reported, nothing to find) is left out rather than shown as 0
        if (precision != null) {
            figures.put(name + "precision", precision);
        }
        if (recall != null) {
            figures.put(name + "recall", recall);
        }
        if (precision != null && recall != null) {
            figures.put(name + "f1", precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall));
        }
        figures.put(name + "found", tp);
        figures.put(name + "missed", fn);
        figures.put(name + "false_positives", fp);
    }

    private static double sum(List<ItemResult> items, String metric) {
        return items.stream().filter(i -> i.metrics != null).map(i -> i.metrics.get(metric)).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).sum();
    }

    private static void mean(List<ItemResult> items, String metric, Map<String, Double> figures, String name) {
        List<Double> values = items.stream().filter(i -> i.metrics != null).map(i -> i.metrics.get(metric))
                .filter(Objects::nonNull).toList();
        if (!values.isEmpty()) {
            figures.put(name, values.stream().mapToDouble(Double::doubleValue).average().orElseThrow());
        }
    }
}
