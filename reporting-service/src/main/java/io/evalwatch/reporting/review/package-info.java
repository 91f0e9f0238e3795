/**
 * Human review of a run's answers: which items a person reads, and what their verdicts say.
 *
 * <p><b>Sample.</b> {@link io.evalwatch.reporting.review.StratifiedSample}: n = floor(minutes × 60 / seconds per
 * item), at most the run's scored (not errored) items, shared evenly between the models (a model with fewer items
 * gives the rest to the others). Per model the share is split into thirds (a remainder goes to the top, then the
 * bottom): the items of highest weighted accuracy, those of lowest, and a uniform random draw from the items in
 * between. The extremes test the automated score where it is surest; the middle where it is least sure. Ties in
 * score fall in random order; the entries are shuffled, so neither stratum nor model shows in the file. Everything
 * random comes from one {@code java.util.Random(seed)} over the items in item-id order, so a seed redraws the sample.
 *
 * <p><b>Blindness.</b> An entry has an opaque id (e01, e02, ... in file order); the entry → item mapping and the
 * stratum stay in {@code review_entry}. The reviewer's view carries the task and the answer, never the model, the
 * item id or the score.
 *
 * <p><b>Agreement.</b> {@link io.evalwatch.reporting.review.CohenKappa}: kappa = (po − pe) / (1 − pe) on the 2×2
 * table of two yes/no raters, po the share of entries they agree on, pe = pYes1·pYes2 + pNo1·pNo2 the agreement
 * expected from their yes rates alone. It is undefined (null, with the reason) with no common entries or when pe = 1
 * (both raters gave the same single answer throughout); two raters constant on opposite answers have kappa 0. Per
 * model, {@link io.evalwatch.reporting.review.ReviewSummary} gives kappa for each pair of reviewers over the items
 * both judged, and kappa of human accept against automated pass over every verdict. A reviewer judging one item in
 * two samples counts once, with the later verdict.
 *
 * <p><b>What the rates mean.</b> Accept and introduces-a-bug rates are shares of the verdicts on the sample, which
 * holds the extremes of the score by design: they compare models reviewed the same way, they do not estimate the
 * share of the whole run a person would accept.
 */
package io.evalwatch.reporting.review;
