package io.evalwatch.task.suite;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which tasks of a suite are due for review, and which to review (and possibly replace) this quarter. A golden task
 * that nobody looked at for long may have leaked into training data or gone stale; rotating a share of the suite each
 * quarter keeps it honest without changing most of it at once.
 *
 * @param due tasks not reviewed for {@code days} days or more, never-reviewed first, then oldest review first
 * @param proposed about {@code share} of the suite: oldest review first, taken in turns from each category so no
 *     category is rotated out at once
 */
public record RotationPlan(String suite, String version, LocalDate asOf, int days, double share, int tasks,
        List<Entry> due, List<Entry> proposed) {

    /** A task with its category and review date (null: never reviewed). */
    public record Entry(String id, String category, LocalDate reviewed, Long daysSinceReview) {
    }

    private static final Comparator<TaskDefinition> OLDEST_REVIEW_FIRST = Comparator
            .comparing(TaskDefinition::reviewed, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(TaskDefinition::id);

    public static RotationPlan of(Suite suite, LocalDate asOf, int days, double share) {
        if (days < 1) {
            throw new IllegalArgumentException("days must be at least 1, was " + days);
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be greater than 0 and at most 1, was " + share);
        }
        List<TaskDefinition> byAge = suite.tasks().stream().sorted(OLDEST_REVIEW_FIRST).toList();
        LocalDate dueBefore = asOf.minusDays(days);
        List<Entry> due = byAge.stream().filter(t -> t.reviewed() == null || !t.reviewed().isAfter(dueBefore))
                .map(t -> entry(t, asOf)).toList();
        int target = Math.max(1, (int) Math.round(share * byAge.size()));
        return new RotationPlan(suite.name(), suite.version(), asOf, days, share, byAge.size(), due,
                spreadOverCategories(byAge, target).stream().map(t -> entry(t, asOf)).toList());
    }

    /**
     * Takes tasks in rounds: each round the oldest remaining task of every category, categories in the order of
     * their oldest remaining task, until {@code target} are taken.
     */
    static List<TaskDefinition> spreadOverCategories(List<TaskDefinition> byAge, int target) {
        Map<String, List<TaskDefinition>> queues = new LinkedHashMap<>();
        byAge.forEach(t -> queues.computeIfAbsent(t.category(), c -> new ArrayList<>()).add(t));
        List<TaskDefinition> taken = new ArrayList<>();
        while (taken.size() < target && taken.size() < byAge.size()) {
            List<TaskDefinition> round = new ArrayList<>();
            for (List<TaskDefinition> queue : queues.values()) {
                if (!queue.isEmpty()) {
                    round.add(queue.remove(0));
                }
            }
            round.sort(OLDEST_REVIEW_FIRST);
            for (TaskDefinition t : round) {
                if (taken.size() < target) {
                    taken.add(t);
                }
            }
        }
        return taken;
    }

    private static Entry entry(TaskDefinition t, LocalDate asOf) {
        return new Entry(t.id(), t.category(), t.reviewed(),
                t.reviewed() == null ? null : ChronoUnit.DAYS.between(t.reviewed(), asOf));
    }
}
