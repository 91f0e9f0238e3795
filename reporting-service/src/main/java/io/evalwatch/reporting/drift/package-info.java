/**
 * Drift statistics: is a model's new run worse than its baseline run, and did something change behind its name?
 * Pure functions over two {@link io.evalwatch.reporting.drift.RunSample}s; {@link
 * io.evalwatch.reporting.drift.DriftAnalyzer#analyze} is the entry point. Across the weekly checks of a comparison
 * stream, {@link io.evalwatch.reporting.drift.stream.StreamDetector#assess} decides RegressionDetected (see
 * "Detection across checks").
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
 * LatencyRegression: slower (significant) and p95 ratio at least {@code latencyP95Ratio} (or, for time to first token,
 * a median shift of at least {@code ttftMedianShiftSeconds}, 0.1 s by default: a vendor's fixed +150 ms moves the
 * whole distribution without stretching its tail by 1.5), both on vendor-attributable
 * times (see "Latency and host lag"). CostChange: significant
 * and the mean cost per item changed by at least {@code costChangeRatio} (warning when up, info when down).
 * FormatDrift: a format's share moved significantly by at least {@code formatRateChange}. QualitySignalsShift
 * ({@link io.evalwatch.reporting.drift.SignalComparisons}): over the pairs measured on both sides, the share of items
 * free of security findings, type errors or undefined names dropped significantly by at least the pass rate's
 * minimum (warning), or the mean chrF or edit similarity to the reference dropped significantly by 10 points or 0.1
 * (info, "look here": similarity is never a verdict of correctness). SilentChangeSuspected:
 * the set of system fingerprints or response model ids differs between the runs (warning if a new one appeared,
 * critical if quality regressed as well, info if one only disappeared), or the output length shifted significantly
 * by at least {@code outputLengthChange} of the median. The share of pairs with identical output hashes (exact-output
 * agreement) is reported in the summary as a descriptive figure only: it means something only when both runs used
 * the same seeds, which the items do not tell.
 *
 * <p><b>Their false-alert budget per stream.</b> These signals are still decided per check, so each spends its own
 * false alerts every week. The budget is at most 0.1 expected false openings per stream-year (52 checks) per
 * signal, i.e. a per-check false rate of at most 0.0019. Measured (bench/drift/streams.sh, 2,000 unchanged
 * comparisons per item model, 2,000 resamples): no LatencyRegression, CostChange, FormatDrift or
 * SilentChangeSuspected (output length) in 4,000 comparisons; the one-sided 95% upper bound of each per-check rate
 * is 0.0015 per item model (0.078 openings per stream-year) and 0.00075 pooled (0.039). Every signal is within the
 * budget, so no rule was tightened. What keeps them quiet is the minimum effect on top of the Benjamini-Hochberg
 * family: sampling noise of 150 items never moves a p95 by half, the mean cost by 20%, a format share by 0.2 or the
 * median length by 20%. Real week-to-week variation of a vendor (load, routing) is not in the simulation; the alerts
 * of a real stream are the check of that.
 *
 * <h2>Latency and host lag</h2>
 * An item's time to first token includes the generator's own trouble while it waited (thread scheduling lag, GC
 * pauses), recorded as {@code hostLagSeconds}; a CPU hog on the generator host then looks like a slower vendor.
 * Latency is therefore compared on vendor-attributable times: {@code max(0, ttft - hostLag)} and
 * {@code max(0, duration - hostLag)} (a null host lag is 0, as for items recorded before it existed). Where host lag
 * was measured, a slow-down also needs the raw mean shift to exceed the host-lag mean shift (the runs got slower by
 * more than the generator's own delay explains). The evidence keeps both: the raw p95s, their ratio and mean shift,
 * and the host lag's means, p95s and mean shift, with {@code beyondHostLag}. Without host lag on any item the rule
 * is the one before it. Measured with a CPU hog on the candidate run (every first token delayed by a heavy-tailed
 * 0-400 ms, host lag = that delay plus 5 ms of measurement noise; bench/drift/RESULTS.md): false LatencyRegression
 * in 14.2% of comparisons with the raw times (96.9% at a p95 threshold of 1.2), in none of 1,000 with host lag
 * taken off; a real +150 ms vendor shift is
 * detected as often with host trouble as without (at a p95 threshold of 1.2; at the default 1.5 it is below the
 * minimum effect for a 0.35 s median, by design).
 *
 * <h2>Small samples</h2>
 * A scope with fewer than {@link io.evalwatch.reporting.drift.DriftPolicy#MIN_PAIRS} (10) pairs or fewer than
 * {@link io.evalwatch.reporting.drift.DriftPolicy#MIN_TASKS} (3) tasks is not tested: each of its comparisons gets
 * the verdict {@code too_few}, p-values of 1, no interval and the note "too few items to judge (n=...)", and it is
 * left out of the Benjamini-Hochberg family (it neither spends nor dilutes the level). Why these limits: tasks are the
 * unit of the bootstrap and the sign-flip test, and with one or two tasks there is nothing to resample (one task gave
 * an interval of width zero); fewer than 10 pairs hold too few discordant pairs for McNemar to say anything a reader
 * cannot see in the counts. No comparison is "improved" or "regressed" without significance: regressed needs the
 * drop test and the minimum drop, as before; improved now needs a test of its own too, a one-sided McNemar mid-p
 * for "more pairs got better" at the scope's level for the pass rate (a single better pair, p = 1, used to read
 * "improved"), the two-sided interval above 0 (a one-sided test at half the level) for weighted accuracy and
 * composite, the one-sided Mann-Whitney U for latency, each with the minimum effect.
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
 * <h2>Detection across checks</h2>
 * <b>What.</b> A comparison stream (monitor x model x suite x task set x samples x config x variant) has a fixed
 * REFERENCE run, which changes only when a person accepts a new one or the suite version changes, and a series of
 * weekly checks. {@link io.evalwatch.reporting.drift.stream.StreamDetector#assess} takes the stream's valid runs since
 * its reference (reference first, the run judged now last) and returns a row per check and the state of the latest
 * run: CALIBRATING (the reference itself, or a check during calibration: it joined the window or was held out of it),
 * IN_CONTROL, ALARM (open a
 * RegressionDetected alert), OUT_OF_CONTROL (keep it open), RECOVERED (resolve it, naming this run and the evidence)
 * or TOO_FEW ("too few items to judge (n=...)"; an open alert stays open).
 *
 * <p><b>Why.</b> With a test at 5% per check against a baseline that moves to every run without a significant
 * regression, a stream raises about 4 false alerts a year (measured: 4.0 per 52 checks; more than 52 x 0.05 because
 * after a false alert the baseline stays at the run that happened to be high, so false alerts come in runs), and a
 * model that loses a point or two a week is never caught: each week's loss is within the noise of 150 items, and the
 * baseline follows the model down. Controlling false alerts over the life of a stream, and accumulating evidence
 * across checks, needs a fixed reference and a sequential rule.
 *
 * <p><b>Method</b> (Phase I / Phase II statistical process control on the paired pass rate):
 * <ol>
 * <li><b>In-control level (Phase I).</b> Each task's in-control pass rate is its pooled pass share over the
 * reference and the next W - 1 valid runs that raised no alarm, had enough items and passed the admission rule; then
 * it is frozen until a new reference. <b>Admission rule</b> ({@code admissionZ} = 1.5): a calibrating run joins the
 * window only when |z| &lt;= 1.5 against the window so far; otherwise it is held out (still a check, CALIBRATING,
 * {@code heldOut} in its row and the evidence, "held out of the in-control estimate (z=...)" in the summary). Why: a
 * model that changes early (the vendor updates a few weeks after the monitor starts, or before its first check)
 * gives checks that are low but may miss the single-check limit; joining the window, such a check pulled the level
 * towards the changed model (to about 0.725 after a step 0.80 -&gt; 0.65 at the first check), so the next checks were
 * caught far less often. Clearly high runs are held out too: trimming one tail only estimates an unchanged stream's
 * level high (+0.6 points at 1.5 in a 300-stream trial, +1.3 at 1.0), and the frozen level keeps that bias for the
 * stream's life; trimming both keeps it at +0.14 (+0.08 without a rule). Items pair by (taskId, sample) with the reference's keys; keys missing from either side are ignored.</li>
 * <li><b>Statistic of a check.</b> For each task t with pairs in the check, d_t = check pass share - in-control rate;
 * the check's difference D is the mean of d_t weighted by the task's pairs (the check's pass rate minus the in-control
 * pass rate of the same items), and z = D / SE with SE^2 = sum over tasks of w_t^2 v_t (1/n_t + 1/m_t): w_t the task's
 * share of the pairs, v_t the unbiased binomial variance of the task's items in the calibration window, n_t and m_t
 * the task's items in the check and in the window. So the statistic is paired by task (tasks near 0 or 1 add almost
 * no variance: heterogeneous difficulty is exploited), includes the window's own noise (1/m_t), and uses the
 * in-control variance (the score form: a drop towards 0.65 raises the item variance, which would otherwise shrink z
 * exactly when it matters; in a 200-stream trial this took the first-check power for a 15-point step from 0.83 to
 * 0.90 at the same limit). With {@code betweenRunVariance} (the default), SE^2 also holds tau^2 (1 + 1/W'): tau^2 is
 * the variance of the window runs' pass rates beyond what their items explain (their sample variance minus the mean
 * binomial variance of a run's pass rate, at least 0), estimated once the window holds 3 runs, W' the runs in the
 * window. It covers a model whose level wobbles from week to week (load, routing, minor updates), which the item
 * model alone would read as a stream of small regressions.</li>
 * <li><b>Alarm (Phase II).</b> A one-sided CUSUM S_t = max(0, S_{t-1} - z_t - k) runs from the first check, against
 * the window so far while it fills (without an admission rule: from the first check after the window is full), so
 * the held-out checks of an early change add up; it alarms when S_t &gt; h and the mean pass-rate drop of the latest (at most 4) checks since S left
 * 0 is at least {@code minPassRateDrop}. A single-check (Shewhart) limit alarms when z_t &lt; -L and the check's own
 * drop is at least {@code minPassRateDrop}; it applies from the first check on, during calibration too, so a large
 * step is caught at once. The minimum effect keeps a persistent but small loss (2 or 3 points) from alarming.</li>
 * <li><b>Recovery.</b> After an alarm the stream is OUT_OF_CONTROL until {@code recoveryChecks} checks in a row are
 * within {@code recoveryZ} standard errors below the in-control level (z &gt;= -recoveryZ); that check is RECOVERED,
 * the CUSUM is reset to 0 and monitoring goes on against the same in-control level. Runs judged while out of control
 * never join the calibration window.</li>
 * <li><b>Too few.</b> A check with fewer than {@code minPairs} pairs or {@code minTasks} tasks is not judged and
 * changes nothing.</li>
 * </ol>
 * Without the between-run term the standard error assumes the items of a task independent given its pass
 * probability (as McNemar does), and a weekly wobble of the model's level of about 3.2 points (one sd) raised 2.1
 * false openings a year (ARL0 29); with it, 1.5 (ARL0 &ge; 99): better, though above the target of 1, as the term is
 * estimated from 10 runs only. With a wobble of about 1.6 points: 0.74 (ARL0 &ge; 182) against 0.84 without it.
 * Figures in bench/drift/RESULTS.md.
 *
 * <p>All checks share the in-control estimate, so they are correlated (a reference that happened to be high pulls every
 * later check down, and the CUSUM adds that up): the false alarm rate does not follow from independence theory, and
 * the parameters were chosen by simulating whole streams, which includes that correlation.
 *
 * <p><b>Parameters</b> ({@link io.evalwatch.reporting.drift.stream.StreamPolicy#defaults()}): W = 10 runs, k = 0.5, h =
 * 3.5, L = 2.4, between-run variance on, admission |z| &lt;= 1.5, minimum drop 0.05, at least 30 pairs and 10 tasks, recovery after 2 checks in
 * a row within 1.0 standard error. Why: the first-check power for a step 0.80 -&gt; 0.65 with homogeneous tasks (the
 * hard case: pairing gains nothing) is set by L. Without the between-run term, 2.6 gave 0.89 and 2.5 gave 0.94 for
 * about 0.1 more false openings a year. The between-run term widens the standard error a little even when nothing
 * wobbles (its estimate from 10 runs is positive by chance in about 44% of streams), which cost about 0.03 of
 * first-check power at L = 2.5 and took 0.1 false openings a year off; L = 2.4 buys most of the power back (0.938
 * against 0.946 at 1,000 streams) at the same false openings as before (0.49 a year) with a longer ARL0 (259 against
 * 220 weeks). The false openings are dominated by the single-check limit, so h between 3.5 and 5 hardly changes them; k
 * = 0.5 is tuned to a shift of about one standard error (3.5 points of pass rate) and h = 3.5 catches the 15-week decay
 * by week 10 in 98% of streams and a step by the second check in 99.5%. W = 10 fills the window by week 9, well before
 * a change in the benchmark, and a larger W lowers the shared noise only slowly (12 instead of 8: no measurable
 * change). The minimum effect is the per-check rule's 5 points. (The figures in this paragraph were measured before
 * the admission rule.) The admission limit 1.5: 1.0 gave little more early power for about 0.2 more false openings a
 * year, 2.0 held out too few of an early change's checks (300-stream trials in bench/drift/RESULTS.md).
 *
 * <p><b>The numbers</b> (bench/drift/streams.sh, 1,000 simulated streams per case and item model, 50 tasks x 3
 * samples a week, in control 0.80; the same streams under today's rule and the naive rule):
 * <table>
 * <caption>stream detection, homogeneous / heterogeneous tasks</caption>
 * <tr><th>figure</th><th>stream detection</th><th>today's per-check rule</th><th>naive 5-point rule</th></tr>
 * <tr><td>false openings per 52 checks</td><td>0.71 / 0.57</td><td>4.0 / 4.0</td><td>13.3 / 9.6</td></tr>
 * <tr><td>ARL0 (weeks to the first false alarm, cap 1,040)</td><td>&ge;196 / &ge;204</td><td>20 / 18</td>
 * <td>6 / 8</td></tr>
 * <tr><td>step to 0.65 at week 20: alert at the first check</td><td>0.956 / 0.989</td><td>0.923 / 0.972</td>
 * <td>0.994 / 0.997</td></tr>
 * <tr><td>step: by the second check</td><td>0.999 / 1.000</td><td>0.942 / 0.978</td><td>1.000 / 0.998</td></tr>
 * <tr><td>decay to 0.65 over 15 weeks: by week 10</td><td>0.976 / 0.981</td><td>0.560 / 0.589</td>
 * <td>0.970 / 0.907</td></tr>
 * <tr><td>step at week 3 (window of 3 runs): by the third check</td><td>0.987 / 0.996</td><td>0.947 / 0.981</td>
 * <td>1.000 / 0.999</td></tr>
 * <tr><td>step at week 1 (the reference alone): by the third check</td><td>0.947 / 0.979</td><td>0.913 / 0.961</td>
 * <td>0.993 / 0.992</td></tr>
 * </table>
 * Without the admission rule (the previous default): 0.49 / 0.42 false openings, ARL0 &ge;259 / &ge;264, step at week
 * 20 at the first check 0.938 / 0.984, by the second 0.995 / 1.000, decay 0.983 / 0.990; step at week 3 by the third
 * check 0.907 / 0.959, at week 1 0.813 / 0.910.
 * Targets: at most one false opening per 52 checks and ARL0 &ge; 52 (met: 0.71 [0.64, 0.77] and &ge;196 [178, 214]
 * in the worse model); a step caught at the first check with probability &ge; 0.85 and by the second with &ge; 0.98
 * (met: 0.956 [0.941, 0.967] and 0.999 [0.994, 1.000]); the decay by week 10 with &ge; 0.9 (met: 0.976); an early
 * step caught by the third check with &ge; 0.98: met at week 3 (0.987 [0.978, 0.992]), not at week 1 in the
 * homogeneous model (0.947 [0.931, 0.959]; heterogeneous 0.979 [0.968, 0.986]). At week 1 the only in-control
 * information is the reference's 150 items, whose noise every check shares; three checks pooled against it sit about
 * 4 standard errors low, so 0.98 needs a threshold near -1.9 on that pooled comparison, a false alarm chance of about
 * 3% in every unchanged stream's first weeks. The CUSUM over three checks is close to a threshold of -2.0.
 * Today's rule misses a step it did not catch at once for good (the baseline moves to the degraded run), hence 0.942
 * by the second check.
 *
 * <p><b>Evidence</b> of the latest run ({@link io.evalwatch.reporting.drift.stream.StreamAssessment#evidence()}):
 * state, runId, referenceRunId, pairs, tasks, passRate, inControlPassRate, drop, z, cusum, cusumLimit, cusumAllowance,
 * shewhartLimit, minDrop, recentMeanDrop (the CUSUM alarm's effect), betweenRunSd (tau), calibrationRuns,
 * calibrationWindow, heldOut (the run was held out of the calibration window), admissionZ, alertOpen, alarmRunId (the run that opened the current or last alarm), trigger ("cusum" or
 * "shewhart"), alarmEffect, recentChecks (the last 8 checks: runId, pairs, passRate, inControlPassRate, z, cusum,
 * state, heldOut) and method.
 *
 * <h2>Prompt variants</h2>
 * {@link io.evalwatch.reporting.drift.VariantComparison} compares a variant with base within one run and model. The
 * items are paired by (task, sample): the same task and sample in two prompts, so task difficulty cancels as it does
 * across runs. Pass/fail: McNemar's exact two-sided test on the discordant pairs, read at 5 % on the conventional
 * exact p-value (not the mid-p: a report's claim that one prompt is better should not lean on the less conservative
 * value; no false-alert budget spreads over checks here, so nothing is gained by it), with Newcombe's interval on
 * the pass-rate difference. Weighted score: the mean paired difference with a 95 % percentile task-bootstrap interval
 * (4000 resamples, seeded by model and variant). One test per variant against base, pre-declared, unadjusted: each
 * is its own question (is this prompt better than base?), not a search among many. The prompting-problem sentence
 * needs few-shot to win that test and to cut the error rate (1 &minus; pass rate over the pairs) by more than 30 %
 * relative to base: a large relative cut that is also unlikely under "the examples change nothing". With 50 tasks at
 * base 0.5 and few-shot 0.95 about 24 of 25 discordant pairs favour few-shot (p below 1e-5); at 0.99 on both sides
 * about one pair is discordant, and the two-sided exact test needs 6 or more all (or nearly all) one way, which the
 * sample gives with probability 1.3e-5 (at 0.97 it was 1.8e-3, one direction or the other: too often for the
 * end-to-end test that asserts it, so the tests' steady model answers 99 %).
 *
 * <h2>Contamination probe</h2>
 * {@link io.evalwatch.reporting.drift.ContaminationProbe} reads the prompt-variant comparison of the twin variant (each
 * task renamed and reworded, see suite-format's Twins) with base: pairs (task, sample), McNemar's exact two-sided test
 * at 5 %, Newcombe's interval for the drop. A model is flagged when the twins do worse, significantly, and by at
 * least 10 points: a reworded prompt may be a little harder or easier by itself, and a large suite makes a drop of a
 * few points significant without it saying anything about memorisation. For an honest model whose twins are as
 * hard as their originals the flag needs, at 0.97 on both sides and 100 pairs, at least 10 more "original only" than
 * "twin only" pairs among about 6 discordant ones: probability 8.7e-5 (summed exactly over the discordant counts); a
 * memoriser at 0.95 against 0.45 is missed with probability 1e-11 (TwinProbeIT).
 *
 * <h2>Comparing any two runs</h2>
 * {@link io.evalwatch.reporting.drift.RunComparison} answers "how do these two runs differ?" for any pair of runs
 * (the CLI's compare, the console's compare page), with no stream, baseline or alert involved. Items are paired by
 * (task, model, sample, variant); per model and variant, and per task kind within it, the pass-rate difference B − A
 * with Newcombe's 95 % interval and McNemar's exact two-sided test on the discordant pairs, read at 5 % on the
 * conventional exact p-value, as for prompt variants: with no direction declared beforehand a two-sided test is the
 * honest one, and nothing is adjusted, since each model's line is its own question. Items lost to a pipeline error
 * are left out and counted. Unlike the regression analysis, tasks are paired by id, not by content hash: comparing
 * runs of two suite versions is the caller's decision.
 *
 * <h2>Definitions</h2>
 * Weighted accuracy is the scorer's per-item spectrum in [-1, 1]; its minimum drop is on that scale (0.1 = 0.05 on a
 * rate's scale; strict categories use twice {@code strictMinDrop}). The composite score of an item is
 * {@link io.evalwatch.reporting.composite.CompositeScore#ofItem}: passed, no type error, no security finding and no
 * more complex than the reference, each 0 or 1, weighted by the default composite weights renormalised over the
 * measures the item has (the human accept rate is a model-level rate, never an item's); the run's composite
 * is the mean over items, so it lies in [0, 1] and uses the pass-rate minimum drop. Intervals are two-sided at
 * {@code 1 - level} of their scope. Resampling is seeded per (scope, metric) from {@code seed}, so an analysis is
 * reproducible and independent of item order.
 */
package io.evalwatch.reporting.drift;
