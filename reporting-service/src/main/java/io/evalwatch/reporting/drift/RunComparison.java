package io.evalwatch.reporting.drift;

import io.evalwatch.reporting.drift.inference.McNemarTest;
import io.evalwatch.reporting.drift.inference.PairedProportionInterval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Any two runs compared item by item, changing nothing (no stream, no alert): items are paired by (task, model,
 * sample, variant); per model and variant, over all its pairs and per task kind, the pass-rate difference (B minus
 * A) with Newcombe's interval and McNemar's exact two-sided test on the discordant pairs, read at {@link #LEVEL} on
 * the conventional exact p-value as for prompt variants; and every pair whose pass/fail flipped. Items lost to a
 * pipeline error say nothing about the model and are left out (counted). Pure; the method is in package-info
 * ("Comparing any two runs").
 */
public final class RunComparison {

    /** Two-sided level of the test and 1 − confidence of the interval. */
    public static final double LEVEL = 0.05;
    /** The scope of a model's figures over all its pairs, beside one per task kind. */
    public static final String ALL_KINDS = "all";

    /** One item of a run as the comparison needs it. */
    public record Item(String taskId, String model, int sample, String variant, String kind, boolean passed,
            boolean errored, String failureCategory) {

        Key key() {
            return new Key(taskId, model, sample, variant);
        }
    }

    private record Key(String taskId, String model, int sample, String variant) {
    }

    /**
     * The comparison of two runs: per model and variant, the pass rates; the pairs that flipped; items of one run
     * without a partner in the other (unpairedA, unpairedB) and items left out as errored (erroredA, erroredB).
     */
    public record Result(String runA, String runB, List<ModelChange> models, List<Flip> flips, int unpairedA,
            int unpairedB, int erroredA, int erroredB) {
    }

    /** One model (and prompt variant) across the two runs: over all pairs, and per task kind. */
    public record ModelChange(String model, String variant, PassRateChange all, List<PassRateChange> kinds) {
    }

    /**
     * The pass rate of the pairs of one scope (all, or a task kind) in A and in B; difference is B minus A with its
     * two-sided interval; better pairs failed in A and passed in B, worse the reverse; pValue McNemar's exact
     * two-sided one; verdict better, worse (both only when significant), no_difference, or no_pairs.
     */
    public record PassRateChange(String scope, int pairs, int tasks, double passRateA, double passRateB,
            double difference, double ciLow, double ciHigh, int better, int worse, double pValue,
            boolean significant, String verdict) {
    }

    /** A pair whose pass/fail differs between the runs. */
    public record Flip(String model, String variant, String kind, String taskId, int sample, boolean passedInA,
            boolean passedInB, String categoryInA, String categoryInB) {
    }

    private RunComparison() {
    }

    public static Result compare(String runA, String runB, List<Item> a, List<Item> b) {
        Map<Key, Item> inA = new HashMap<>();
        int erroredA = 0;
        for (Item i : a) {
            if (i.errored()) {
                erroredA++;
            } else {
                inA.put(i.key(), i);
            }
        }
        int erroredB = 0;
        int unpairedB = 0;
        // model and variant -> pairs, in a stable order
        Map<List<String>, List<Item[]>> groups = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(1)));
        List<Flip> flips = new ArrayList<>();
        int paired = 0;
        for (Item after : b) {
            if (after.errored()) {
                erroredB++;
                continue;
            }
            Item before = inA.get(after.key());
            if (before == null) {
                unpairedB++;
                continue;
            }
            paired++;
            groups.computeIfAbsent(List.of(after.model(), after.variant()), k -> new ArrayList<>())
                    .add(new Item[] {before, after});
            if (before.passed() != after.passed()) {
                flips.add(new Flip(after.model(), after.variant(), kindOf(before, after), after.taskId(),
                        after.sample(), before.passed(), after.passed(), before.failureCategory(),
                        after.failureCategory()));
            }
        }
        List<ModelChange> models = new ArrayList<>();
        groups.forEach((key, pairs) -> {
            List<PassRateChange> kinds = new ArrayList<>();
            new TreeMap<>(pairs.stream().collect(java.util.stream.Collectors.groupingBy(p -> kindOf(p[0], p[1]))))
                    .forEach((kind, ofKind) -> kinds.add(passRate(kind, ofKind)));
            models.add(new ModelChange(key.get(0), key.get(1), passRate(ALL_KINDS, pairs), kinds));
        });
        flips.sort(Comparator.comparing(Flip::model).thenComparing(Flip::variant).thenComparing(Flip::taskId)
                .thenComparingInt(Flip::sample));
        return new Result(runA, runB, models, flips, inA.size() - paired, unpairedB, erroredA, erroredB);
    }

    static PassRateChange passRate(String scope, List<Item[]> pairs) {
        int both = count(pairs, p -> p[0].passed() && p[1].passed());
        int better = count(pairs, p -> !p[0].passed() && p[1].passed());
        int worse = count(pairs, p -> p[0].passed() && !p[1].passed());
        int neither = pairs.size() - both - better - worse;
        int tasks = (int) pairs.stream().map(p -> p[1].taskId()).distinct().count();
        if (pairs.isEmpty()) {
            return new PassRateChange(scope, 0, 0, 0, 0, 0, -1, 1, 0, 0, 1, false, "no_pairs");
        }
        McNemarTest.Result test = McNemarTest.twoSided(better, worse);
        PairedProportionInterval.Interval ci = PairedProportionInterval.of(both, better, worse, neither, 1 - LEVEL);
        double rateA = (double) (both + worse) / pairs.size();
        double rateB = (double) (both + better) / pairs.size();
        boolean significant = test.exactP() < LEVEL && better != worse;
        String verdict = !significant ? "no_difference" : better > worse ? "better" : "worse";
        return new PassRateChange(scope, pairs.size(), tasks, rateA, rateB, rateB - rateA, ci.low(), ci.high(),
                better, worse, test.exactP(), significant, verdict);
    }

    private static int count(List<Item[]> pairs, Predicate<Item[]> property) {
        return (int) pairs.stream().filter(property).count();
    }

    private static String kindOf(Item before, Item after) {
        return after.kind() != null ? after.kind() : before.kind() != null ? before.kind() : "unknown";
    }
}
