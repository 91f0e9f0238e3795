package io.evalwatch.reporting.drift;

import io.evalwatch.reporting.drift.inference.TaskDifferences;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * The items of a baseline and a candidate run matched by (taskId, sample, variant), or two variants of one run matched
 * by (taskId, sample) ({@link #acrossVariants}); items without a partner are counted.
 */
final class PairedItems {

    /** One matched pair. */
    record Pair(ItemOutcome baseline, ItemOutcome candidate) {

        /** The category reports group by: the candidate's, as the suite it ran is the current one. */
        String category() {
            return candidate.category() != null ? candidate.category() : baseline.category();
        }
    }

    private record Key(String taskId, int sample, String variant) {
    }

    private final List<Pair> pairs;
    private final int baselineOnly;
    private final int candidateOnly;

    private PairedItems(List<Pair> pairs, int baselineOnly, int candidateOnly) {
        this.pairs = pairs;
        this.baselineOnly = baselineOnly;
        this.candidateOnly = candidateOnly;
    }

    static PairedItems match(RunSample baseline, RunSample candidate) {
        return match(index(baseline, true), index(candidate, true));
    }

    /** Two variants of the same tasks: first's items against second's, each holding one variant. */
    static PairedItems acrossVariants(RunSample first, RunSample second) {
        return match(index(first, false), index(second, false));
    }

    private static PairedItems match(Map<Key, ItemOutcome> base, Map<Key, ItemOutcome> cand) {
        List<Pair> pairs = new ArrayList<>();
        int baselineOnly = 0;
        for (Map.Entry<Key, ItemOutcome> e : base.entrySet()) {
            ItemOutcome partner = cand.get(e.getKey());
            if (partner == null) {
                baselineOnly++;
            } else {
                pairs.add(new Pair(e.getValue(), partner));
            }
        }
        int candidateOnly = cand.size() - pairs.size();
        // a stable order, so resampling with a fixed seed gives the same answer whatever order items arrived in
        pairs.sort((a, b) -> {
            int byTask = a.baseline().taskId().compareTo(b.baseline().taskId());
            int bySample = byTask != 0 ? byTask : Integer.compare(a.baseline().sample(), b.baseline().sample());
            return bySample != 0 ? bySample : a.baseline().variant().compareTo(b.baseline().variant());
        });
        return new PairedItems(Collections.unmodifiableList(pairs), baselineOnly, candidateOnly);
    }

    /** byVariant: the variant is part of the key (across runs); otherwise the run must hold one variant. */
    private static Map<Key, ItemOutcome> index(RunSample run, boolean byVariant) {
        Map<Key, ItemOutcome> byKey = new LinkedHashMap<>();
        for (ItemOutcome item : run.items()) {
            if (item.taskId() == null) {
                throw new IllegalArgumentException("item without taskId in run " + run.runId());
            }
            // a NaN would compare as "never as extreme" in the randomization tests and fake a significant result
            if (!Double.isFinite(item.weightedAccuracy()) || !Double.isFinite(item.costUsd())) {
                throw new IllegalArgumentException("run " + run.runId() + ", task " + item.taskId() + " sample "
                        + item.sample() + ": weightedAccuracy and costUsd must be finite");
            }
            if (byKey.put(new Key(item.taskId(), item.sample(), byVariant ? item.variant() : null), item) != null) {
                throw new IllegalArgumentException("run " + run.runId() + " has two items for task " + item.taskId()
                        + " sample " + item.sample() + (byVariant ? " variant " + item.variant() : "")
                        + ": an item id is unique per task, sample and variant");
            }
        }
        return byKey;
    }

    List<Pair> all() {
        return pairs;
    }

    int baselineOnly() {
        return baselineOnly;
    }

    int candidateOnly() {
        return candidateOnly;
    }

    /** Pairs by category, categories in name order. */
    SortedMap<String, List<Pair>> byCategory() {
        SortedMap<String, List<Pair>> groups = new TreeMap<>();
        for (Pair p : pairs) {
            String category = p.category() == null ? "uncategorized" : p.category();
            groups.computeIfAbsent(category, c -> new ArrayList<>()).add(p);
        }
        return groups;
    }

    /** Per-task sums of (candidate score - baseline score). */
    static TaskDifferences differences(List<Pair> pairs, ToDoubleFunction<ItemOutcome> score) {
        Map<String, double[]> byTask = new LinkedHashMap<>();
        for (Pair p : pairs) {
            double[] acc = byTask.computeIfAbsent(p.baseline().taskId(), t -> new double[2]);
            acc[0] += score.applyAsDouble(p.candidate()) - score.applyAsDouble(p.baseline());
            acc[1] += 1;
        }
        double[] sums = new double[byTask.size()];
        int[] counts = new int[byTask.size()];
        int t = 0;
        for (double[] acc : byTask.values()) {
            sums[t] = acc[0];
            counts[t] = (int) acc[1];
            t++;
        }
        return new TaskDifferences(sums, counts);
    }

    static long taskCount(List<Pair> pairs) {
        return pairs.stream().map(p -> p.baseline().taskId()).distinct().count();
    }
}
