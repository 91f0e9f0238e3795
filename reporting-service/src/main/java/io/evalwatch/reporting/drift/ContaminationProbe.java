package io.evalwatch.reporting.drift;

import java.util.Locale;

/**
 * The contamination probe's verdict for one model in one run: its pass rate on the original tasks against their
 * contamination twins (the twin variant, the same tasks renamed and reworded), from the {@link VariantComparison}
 * of twin with base. A model is flagged when twins do worse with McNemar's exact test significant at
 * {@link VariantComparison#LEVEL} and the drop is at least {@link #MATERIAL_DROP}: a model that solves a task but
 * not the same task under other names has likely seen the original. The method is written up in package-info
 * ("Contamination probe").
 *
 * @param originalPassRate, twinPassRate pass rates over the pairs (task, sample) both variants answered
 * @param drop original minus twin pass rate, with its Newcombe interval (dropLow, dropHigh)
 * @param originalOnly pairs whose original passed and twin failed; twinOnly the other way round
 * @param finding one sentence: the flag with its figures, or that nothing points to memorisation
 */
public record ContaminationProbe(String model, int pairs, long tasks, double originalPassRate, double twinPassRate,
        double drop, double dropLow, double dropHigh, int originalOnly, int twinOnly, double pExact,
        boolean flagged, String finding) {

    /** The smallest pass-rate drop on twins that flags a model (a reworded prompt may cost a little by itself). */
    public static final double MATERIAL_DROP = 0.10;

    /** The probe's verdict from the comparison of the twin variant (variant) with base (against). */
    public static ContaminationProbe of(String model, VariantComparison.Result twinAgainstBase) {
        VariantComparison.Result c = twinAgainstBase;
        double drop = c.againstPassRate() - c.passRate();
        boolean flagged = c.significant() && c.worse() > c.better() && drop >= MATERIAL_DROP;
        String figures = String.format(Locale.ROOT, "%s passes %.2f of the originals and %.2f of their twins (%d"
                        + " tasks, %d pairs; drop %.1f points, 95 %% CI %.1f to %.1f; McNemar exact p = %.3g)", model,
                c.againstPassRate(), c.passRate(), c.tasks(), c.pairs(), 100 * drop, -100 * c.passRateHigh(),
                -100 * c.passRateLow(), c.pExact());
        String finding = flagged ? figures + ": it may have memorised this suite; its results on the originals"
                + " overstate what it does on unseen code"
                : figures + ": no sign that it memorised this suite";
        return new ContaminationProbe(model, c.pairs(), c.tasks(), c.againstPassRate(), c.passRate(), drop,
                -c.passRateHigh(), -c.passRateLow(), c.worse(), c.better(), c.pExact(), flagged, finding);
    }
}
