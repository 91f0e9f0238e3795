package io.evalwatch.reporting.report;

import io.evalwatch.events.probe.LongContext;
import io.evalwatch.events.probe.LongContext.Cell;
import io.evalwatch.reporting.ledger.ItemResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * The long-context position probe's section of a run's report: per model and context size, the share of needles
 * found at each position (10 % ... 90 %) with a 95 % Wilson interval, the curve the report and the Grafana panel
 * draw; and whether the model loses what sits in the middle. Pure.
 *
 * <p>The middle dip is tested one-sided with Fisher's exact test: needles found at 50 % against those found at the
 * two ends (10 % and 90 %, pooled), for each size and over all sizes together. It is called significant at
 * p &lt; {@value #DIP_ALPHA}: strict, because a run holds several such tests (one per size and model) and a
 * position claim should stand on solid ground; with 30 needles per position a dip from 95 % at the ends to 30 % in
 * the middle is found with probability above 0.9998, and a flat model is called dipped with probability below 0.0002.
 * Errored items (no answer reached scoring) are left out.
 */
public final class LongContextSections {

    /** The significance level of the middle-dip test. */
    public static final double DIP_ALPHA = 0.001;
    /** Labels the figures over every size together. */
    public static final String ALL_SIZES = "all";
    static final int MIDDLE = 50;
    static final List<Integer> ENDS = List.of(10, 90);
    private static final double Z95 = 1.959963984540054;

    private LongContextSections() {
    }

    /** One model's probe results: a curve per size (and over all sizes when there are several). */
    public record ModelCurves(String model, List<SizeCurve> sizes) {
    }

    /** One size's curve: accuracy by position, and the middle-dip test. size is "2k", "8k" ... or "all". */
    public record SizeCurve(String size, Integer sizeTokens, List<Point> positions, Dip dip) {
    }

    /** Needles found at one position: items, found, the share found and its 95 % Wilson interval. */
    public record Point(int position, int items, int found, double accuracy, double low, double high) {
    }

    /**
     * The middle against the ends: each one's accuracy, the drop (ends − middle), Fisher's one-sided p, whether it
     * is significant at {@link #DIP_ALPHA}, and a sentence when it is (null otherwise).
     */
    public record Dip(double middleAccuracy, double endsAccuracy, double drop, double pValue, boolean significant,
            String finding) {
    }

    public static List<ModelCurves> of(List<ItemResult> items) {
        Map<String, List<ItemResult>> byModel = items.stream()
                .filter(i -> i.model != null && !i.errored && LongContext.isProbeVariant(i.variant))
                .collect(Collectors.groupingBy(i -> i.model, TreeMap::new, Collectors.toList()));
        List<ModelCurves> models = new ArrayList<>();
        byModel.forEach((model, modelItems) -> {
            Map<Integer, List<ItemResult>> bySize = modelItems.stream().collect(Collectors.groupingBy(
                    i -> cell(i).sizeTokens(), TreeMap::new, Collectors.toList()));
            List<SizeCurve> sizes = new ArrayList<>();
            bySize.forEach((size, sizeItems) -> sizes.add(curve(model, LongContext.sizeLabel(size), size,
                    sizeItems)));
            if (bySize.size() > 1) {
                sizes.add(curve(model, ALL_SIZES, null, modelItems));
            }
            models.add(new ModelCurves(model, sizes));
        });
        return models;
    }

    private static Cell cell(ItemResult item) {
        return LongContext.cellOf(item.variant).orElseThrow();
    }

    static SizeCurve curve(String model, String size, Integer sizeTokens, List<ItemResult> items) {
        Map<Integer, List<ItemResult>> byPosition = items.stream().collect(Collectors.groupingBy(
                i -> cell(i).positionPercent(), TreeMap::new, Collectors.toList()));
        List<Point> points = new ArrayList<>();
        byPosition.forEach((position, list) -> {
            int found = (int) list.stream().filter(i -> i.passed).count();
            double[] interval = wilson(found, list.size());
            points.add(new Point(position, list.size(), found, found / (double) list.size(), interval[0],
                    interval[1]));
        });
        return new SizeCurve(size, sizeTokens, points, dip(model, size, points));
    }

    static Dip dip(String model, String size, List<Point> points) {
        Point middle = points.stream().filter(p -> p.position() == MIDDLE).findFirst().orElse(null);
        List<Point> ends = points.stream().filter(p -> ENDS.contains(p.position())).toList();
        if (middle == null || ends.isEmpty()) {
            return null;
        }
        int endItems = ends.stream().mapToInt(Point::items).sum();
        int endFound = ends.stream().mapToInt(Point::found).sum();
        double endsAccuracy = endFound / (double) endItems;
        // rows: middle, ends; columns: found, missed. "less": the middle's odds of finding are lower
        double p = FisherExactTest.withDefaults().with(AlternativeHypothesis.LESS_THAN)
                .test(new int[][] {{middle.found(), middle.items() - middle.found()},
                        {endFound, endItems - endFound}}).getPValue();
        boolean significant = p < DIP_ALPHA;
        double drop = endsAccuracy - middle.accuracy();
        String finding = !significant ? null : String.format(Locale.ROOT,
                "%s loses what sits in the middle of a %s context: it finds %.0f %% of needles at 50 %% against"
                        + " %.0f %% at the ends (10 %% and 90 %%), %.0f points fewer (p = %.2g); put what matters at"
                        + " the start or end of its prompts, or shorten them.",
                model, ALL_SIZES.equals(size) ? "long" : size + "-token", middle.accuracy() * 100,
                endsAccuracy * 100, drop * 100, p);
        return new Dip(middle.accuracy(), endsAccuracy, drop, p, significant, finding);
    }

    /** The 95 % Wilson score interval of found out of n. */
    static double[] wilson(int found, int n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double p = found / (double) n;
        double z2 = Z95 * Z95;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
