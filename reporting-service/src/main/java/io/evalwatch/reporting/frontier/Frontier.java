package io.evalwatch.reporting.frontier;

import io.evalwatch.reporting.composite.CompositePart;
import io.evalwatch.reporting.composite.CompositeScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The cost-quality frontier of a suite: each model's cost per completed task against its composite score
 * (composite/CompositeScore, the suite's weights), the
 * Pareto set (no other model is at least as good and at most as costly, and better in one), and quality per dollar.
 * Pure.
 */
public final class Frontier {

    private Frontier() {
    }

    /** A model's position, from its latest completed run of the suite; composite is score's value. */
    public record Point(String model, String runId, double composite, double passRate, Double costPerCompletedTask,
            int completedTasks, CompositeScore score) {

        public Point(String model, String runId, CompositeScore score, double passRate, Double costPerCompletedTask,
                int completedTasks) {
            this(model, runId, score.value(), passRate, costPerCompletedTask, completedTasks, score);
        }
    }

    /**
     * A point with its place on the frontier; dominatedBy names a model that beats it on both axes; compositeParts
     * and compositeMissing show what the composite is made of.
     */
    public record Placed(String model, String runId, double composite, double passRate, Double costPerCompletedTask,
            Double compositePerDollar, boolean pareto, String dominatedBy, List<CompositeScore.Part> compositeParts,
            List<CompositePart> compositeMissing) {
    }

    public static List<Placed> place(List<Point> points) {
        List<Placed> placed = new ArrayList<>();
        for (Point p : points) {
            Point dominator = points.stream().filter(q -> q != p && dominates(q, p))
                    .max(Comparator.comparingDouble(Point::composite)).orElse(null);
            Double perDollar = p.costPerCompletedTask() == null || p.costPerCompletedTask() <= 0 ? null
                    : p.composite() / p.costPerCompletedTask();
            placed.add(new Placed(p.model(), p.runId(), p.composite(), p.passRate(), p.costPerCompletedTask(),
                    perDollar, dominator == null, dominator == null ? null : dominator.model(),
                    p.score() == null ? List.of() : p.score().parts(),
                    p.score() == null ? List.of() : p.score().missing()));
        }
        placed.sort(Comparator.comparing((Placed x) -> x.costPerCompletedTask() == null ? Double.MAX_VALUE
                : x.costPerCompletedTask()).thenComparing(Placed::model));
        return placed;
    }

    static boolean dominates(Point q, Point p) {
        double costQ = q.costPerCompletedTask() == null ? Double.MAX_VALUE : q.costPerCompletedTask();
        double costP = p.costPerCompletedTask() == null ? Double.MAX_VALUE : p.costPerCompletedTask();
        boolean noWorse = q.composite() >= p.composite() && costQ <= costP;
        boolean better = q.composite() > p.composite() || costQ < costP;
        return noWorse && better;
    }
}
