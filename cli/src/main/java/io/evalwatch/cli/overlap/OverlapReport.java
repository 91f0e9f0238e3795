package io.evalwatch.cli.overlap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The flagged tasks of a check, most similar first, each with its best-matching training lines. */
public record OverlapReport(List<FlaggedTask> flagged, int flaggedPairs) {

    /** A flagged task and every training line that matched it, most similar first, then by line. */
    public record FlaggedTask(OverlapCheck.Task task, List<OverlapCheck.Match> matches) {
        public OverlapCheck.Match top() {
            return matches.get(0);
        }
    }

    public static OverlapReport of(List<OverlapCheck.Task> tasks, List<OverlapCheck.Match> matches) {
        Map<Integer, List<OverlapCheck.Match>> byTask = new LinkedHashMap<>();
        for (OverlapCheck.Match m : matches) {
            byTask.computeIfAbsent(m.task(), t -> new ArrayList<>()).add(m);
        }
        Comparator<OverlapCheck.Match> mostSimilar = Comparator.comparingDouble(OverlapCheck.Match::similarity)
                .reversed().thenComparingLong(OverlapCheck.Match::line);
        List<FlaggedTask> flagged = new ArrayList<>();
        byTask.forEach((task, list) -> {
            list.sort(mostSimilar);
            flagged.add(new FlaggedTask(tasks.get(task), List.copyOf(list)));
        });
        flagged.sort(Comparator.comparing(FlaggedTask::top, mostSimilar)
                .thenComparing(f -> f.task().suite()).thenComparing(f -> f.task().id()));
        return new OverlapReport(List.copyOf(flagged), matches.size());
    }
}
