package io.evalwatch.reporting.composite;

import io.evalwatch.events.ItemMetrics;
import io.evalwatch.reporting.ledger.ItemResult;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The composite score: a weighted mean of parts in [0, 1], higher better. pass@1 is the pass rate; type errors and
 * security findings are the shares of analysed items with none; complexity the share of items no more complex than
 * the reference (delta <= 0); the human accept rate comes from reviews. A part without data is missing: the other
 * weights are renormalised to sum to 1, and the result names the missing parts. Pure.
 *
 * @param value the score in [0, 1]; NaN only when every part with a positive weight is missing
 * @param parts the parts that had data, each with its value and its effective (renormalised) weight
 * @param missing the parts without data, left out of the score
 */
public record CompositeScore(double value, List<Part> parts, List<CompositePart> missing) {

    /** The parts read from an item's measures. */
    private static final List<CompositePart> MEASURED = List.of(CompositePart.TYPE_ERRORS,
            CompositePart.SECURITY_FINDINGS, CompositePart.COMPLEXITY_DELTA);

    /** A part with data: its value in [0, 1] and the weight it had in this score after renormalisation. */
    public record Part(CompositePart part, double value, double weight) {
    }

    /**
     * The composite of a model's items.
     *
     * @param humanAcceptRate the share of the model's reviewed answers that reviewers accepted; null when none
     */
    public static CompositeScore of(List<ItemResult> items, Double humanAcceptRate, CompositeWeights weights) {
        Map<CompositePart, Double> values = new EnumMap<>(CompositePart.class);
        if (!items.isEmpty()) {
            values.put(CompositePart.PASS_AT_1, items.stream().filter(i -> i.passed).count() / (double) items.size());
        }
        for (CompositePart part : MEASURED) {
            putShare(values, part, items);
        }
        if (humanAcceptRate != null && Double.isFinite(humanAcceptRate)) {
            values.put(CompositePart.HUMAN_ACCEPT_RATE, Math.max(0, Math.min(1, humanAcceptRate)));
        }
        return combine(values, weights);
    }

    /**
     * The composite of one item, for paired tests: each part 0 or 1 (passed, no type error, no finding, delta <= 0),
     * missing measures renormalised away. The human part is always left out: reviews judge a sample of a model's
     * answers, not the paired items of two runs, so an item-level value would exist on one side only.
     */
    public static CompositeScore ofItem(boolean passed, Map<String, Double> metrics, CompositeWeights weights) {
        Map<CompositePart, Double> values = new EnumMap<>(CompositePart.class);
        values.put(CompositePart.PASS_AT_1, passed ? 1.0 : 0.0);
        Map<String, Double> m = metrics == null ? Map.of() : metrics;
        for (CompositePart part : MEASURED) {
            Double v = m.get(metricOf(part));
            if (v != null) {
                values.put(part, good(part, v) ? 1.0 : 0.0);
            }
        }
        CompositeScore score = combine(values, weights);
        // the human part is absent by design here, not for lack of data
        List<CompositePart> missing = score.missing.stream().filter(p -> p != CompositePart.HUMAN_ACCEPT_RATE).toList();
        return new CompositeScore(score.value, score.parts, missing);
    }

    static CompositeScore combine(Map<CompositePart, Double> values, CompositeWeights weights) {
        double total = 0;
        for (CompositePart part : values.keySet()) {
            total += weights.of(part);
        }
        List<Part> parts = new ArrayList<>();
        List<CompositePart> missing = new ArrayList<>();
        double sum = 0;
        for (CompositePart part : CompositePart.values()) {
            Double v = values.get(part);
            if (v == null) {
                missing.add(part);
                continue;
            }
            double weight = total > 0 ? weights.of(part) / total : 0;
            parts.add(new Part(part, v, weight));
            sum += weight * v;
        }
        return new CompositeScore(total > 0 ? sum : Double.NaN, List.copyOf(parts), List.copyOf(missing));
    }

    private static void putShare(Map<CompositePart, Double> values, CompositePart part, List<ItemResult> items) {
        String metric = metricOf(part);
        int analysed = 0;
        int good = 0;
        for (ItemResult i : items) {
            Double v = i.metrics == null ? null : i.metrics.get(metric);
            if (v != null) {
                analysed++;
                if (good(part, v)) {
                    good++;
                }
            }
        }
        if (analysed > 0) {
            values.put(part, good / (double) analysed);
        }
    }

    private static String metricOf(CompositePart part) {
        return switch (part) {
            case TYPE_ERRORS -> ItemMetrics.TYPE_ERRORS;
            case SECURITY_FINDINGS -> ItemMetrics.SECURITY_FINDINGS;
            case COMPLEXITY_DELTA -> ItemMetrics.COMPLEXITY_DELTA;
            default -> throw new IllegalArgumentException(part + " is not an item measure");
        };
    }

    /** Type errors and findings are good at 0; complexity when no higher than the reference's. */
    private static boolean good(CompositePart part, double value) {
        return part == CompositePart.COMPLEXITY_DELTA ? value <= 0 : value == 0;
    }
}
