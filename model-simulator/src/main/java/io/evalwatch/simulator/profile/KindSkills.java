package io.evalwatch.simulator.profile;

import java.util.List;

/**
 * How a model version does the kinds that are not pass/fail answers. Review: the probability of reporting a known
 * finding of each tier (1..3), and of each of two invented findings. Search: the probability that the first gold
 * location comes at rank 1..5 (the rest: it is missing), and that a near miss (the right file, another symbol)
 * takes first place, pushing the gold location to rank 2.
 */
public record KindSkills(List<Double> reviewFound, double reviewInvented, List<Double> searchRanks,
        double searchNearMiss) {

    public static final int SEARCH_DEPTH = 5;

    public KindSkills {
        reviewFound = List.copyOf(reviewFound);
        searchRanks = List.copyOf(searchRanks);
        if (reviewFound.size() != 3) {
            throw new IllegalArgumentException("review needs a probability per tier (3), got " + reviewFound);
        }
        if (searchRanks.size() > SEARCH_DEPTH) {
            throw new IllegalArgumentException("search ranks go to " + SEARCH_DEPTH + ", got " + searchRanks);
        }
        double total = searchNearMiss + searchRanks.stream().mapToDouble(Double::doubleValue).sum();
        if (total > 1.0 + 1e-9) {
            throw new IllegalArgumentException("search's rank probabilities and near_miss add up to " + total
                    + ", more than 1");
        }
    }

    /**
     * The skills of a version whose profile names none, from its pass probability p: harder tiers found less often
     * (p, 0.8 p, 0.6 p), an invented finding with (1 - p) / 2; the gold first with p, second and third with 0.3 and
     * 0.15 of the rest, a near miss first with a quarter of the rest.
     */
    public static KindSkills derivedFrom(double p) {
        double rest = 1 - p;
        return new KindSkills(List.of(p, 0.8 * p, 0.6 * p), rest / 2, List.of(p, 0.3 * rest, 0.15 * rest),
                0.25 * rest);
    }

    /** The probability of finding a known finding of a tier (1..3; others as tier 3). */
    public double found(int tier) {
        return reviewFound.get(Math.max(1, Math.min(3, tier)) - 1);
    }
}
