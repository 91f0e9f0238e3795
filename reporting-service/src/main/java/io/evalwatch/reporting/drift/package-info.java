/**
 * Drift statistics: is a model's new run worse than its baseline run, and did something change behind its name?
 * Pure functions over two {@link io.evalwatch.reporting.drift.RunSample}s; {@link
 * io.evalwatch.reporting.drift.DriftAnalyzer#analyze} is the entry point.
 *
 * <h2>Pairing</h2>
 * Items of the two runs are paired by (taskId, sample): the same prompt answered twice. Every comparison uses the
 * pairs only, so a run that covered other tasks is not mistaken for a changed model; unmatched items are counted in
 * the summary. Scopes are "all" and each category.
 *
 * <h2>The regression decision</h2>
 * <ol>
 * <li><b>Primary test</b>, pre-declared and tested alone at {@code alpha}: the overall pass rate, with McNemar's test
 * of "more pairs got worse than better", one-sided, using the exact binomial distribution of the discordant pairs
 * and its mid-p value. The conventional exact p-value is conservative (actual size 3.7% at a nominal 5% for 150
 * pairs at 0.80), which costs power; the mid-p value keeps the size at or under 5% (computed exactly: at most
 * 4.999% for 150 pairs at any base pass rate, though not for every single count of discordant pairs) and brings the
 * power to what the best possible test reaches (see bench/drift/RESULTS.md). Both p-values are in the evidence. The
 * interval of the difference is Newcombe's square-and-add interval for paired proportions: closed-form and close
 * to nominal coverage even with few discordant pairs or a 10-task category, where a percentile bootstrap
 * undercovers. McNemar stays valid when tasks differ in difficulty: given the tasks, pairs are independent and,
 * without a change, each discordant pair is equally likely to go either way.</li>
 * <li><b>Strict categories</b> (names containing an entry of {@code strictCategories}, e.g. "security"): their pass
 * rate is a primary test of its own at {@code strictAlpha} with the minimum drop {@code strictMinDrop}, so a
 * security regression alerts even when the overall pass rate did not move. Each one adds its own chance of a false
 * alert; that is the price of the stricter watch.</li>
 * <li><b>Secondary comparisons</b> share one Benjamini-Hochberg family at {@code alpha}: per-category pass rates;
 * weighted accuracy and composite score, overall and per category (one-sided paired sign-flip randomization test
 * over tasks, percentile bootstrap interval resampling tasks, both seeded); latency (time to first token and total
 * time: one-sided Mann-Whitney U for "slower", Kolmogorov-Smirnov in the evidence, p95 ratio as the effect); cost
 * per item (two-sided paired sign-flip, ratio as the effect); output length (two-sided Mann-Whitney U, median
 * ratio); the share of each code format (two-sided McNemar mid-p on the paired indicators, Newcombe interval).
 * A comparison is significant when its adjusted p-value is at most the level of its scope.</li>
 * <li><b>An alert needs significance and the minimum effect.</b> RegressionDetected is raised for "all" when the
 * primary test is significant and the pass rate fell by at least {@code minPassRateDrop}; for a strict category on
 * its own primary test; for any other category only when the primary test fired (a gate) and one of its quality
 * comparisons regressed. The gate keeps the chance of any false quality alert at {@code alpha} when nothing changed;
 * its price is that a drop confined to one ordinary category, or in weighted accuracy alone, shows as a regressed
 * comparison but raises no alert unless the overall pass rate moved too.</li>
 * </ol>
 *
 * <h2>Other signals</h2>
 * LatencyRegression: slower (significant) and p95 ratio at least {@code latencyP95Ratio}. CostChange: significant
 * and the mean cost per item changed by at least {@code costChangeRatio} (warning when up, info when down).
 * FormatDrift: a format's share moved significantly by at least {@code formatRateChange}. SilentChangeSuspected:
 * the set of system fingerprints or response model ids differs between the runs (warning if a new one appeared,
 * critical if quality regressed as well, info if one only disappeared), or the output length shifted significantly
 * by at least {@code outputLengthChange} of the median. The share of pairs with identical output hashes (exact-output
 * agreement) is reported in the summary as a descriptive figure only: it means something only when both runs used
 * the same seeds, which the items do not tell.
 *
 * <h2>Defaults</h2>
 * {@link io.evalwatch.reporting.drift.DriftPolicy#defaults()}: alpha 0.05; minimum drops 0.05 (pass rate, composite)
 * and 0.1 (weighted accuracy, the same on its doubled scale); strict categories {"security"} at 0.10 with a minimum
 * drop of 0.02; latency p95 ratio 1.5; cost change 20%; format share change 0.2; output length change 20%; 2,000
 * resamples; seed 42. The benchmark (bench/drift/RESULTS.md) holds the false alert rate at 5% and the power at the
 * ceiling with these values, so they stand. A strict category spends its own false alert budget (0.123 overall with
 * one in the benchmark): lower strictAlpha, or empty strictCategories, where that matters more. 2,000 resamples keep
 * the smallest sign-flip p-value (1/2001) well under the smallest Benjamini-Hochberg threshold of an analysis
 * (alpha / number of secondary comparisons, about 0.002 for 25 comparisons).
 *
 * <h2>Definitions</h2>
 * Weighted accuracy is the scorer's per-item spectrum in [-1, 1]; its minimum drop is on that scale (0.1 = 0.05 on a
 * rate's scale; strict categories use twice {@code strictMinDrop}). The composite score of an item is the mean of its
 * pass (0 or 1) and its weighted accuracy rescaled to [0, 1], {@code (pass + (wa + 1) / 2) / 2}; the run's composite
 * is the mean over items, so it lies in [0, 1] and uses the pass-rate minimum drop. Intervals are two-sided at
 * {@code 1 - level} of their scope. Resampling is seeded per (scope, metric) from {@code seed}, so an analysis is
 * reproducible and independent of item order.
 */
package io.evalwatch.reporting.drift;
