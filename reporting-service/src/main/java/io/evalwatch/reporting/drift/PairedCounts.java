package io.evalwatch.reporting.drift;

import io.evalwatch.reporting.drift.PairedItems.Pair;
import java.util.List;
import java.util.function.Predicate;

/** The paired 2x2 table of a yes/no property of an item (passed, answered in a given format) over pairs. */
record PairedCounts(int both, int candidateOnly, int baselineOnly, int neither) {

    static PairedCounts of(List<Pair> pairs, Predicate<ItemOutcome> property) {
        int both = 0;
        int candidateOnly = 0;
        int baselineOnly = 0;
        int neither = 0;
        for (Pair p : pairs) {
            boolean b = property.test(p.baseline());
            boolean c = property.test(p.candidate());
            if (b && c) {
                both++;
            } else if (c) {
                candidateOnly++;
            } else if (b) {
                baselineOnly++;
            } else {
                neither++;
            }
        }
        return new PairedCounts(both, candidateOnly, baselineOnly, neither);
    }

    int pairs() {
        return both + candidateOnly + baselineOnly + neither;
    }

    double baselineShare() {
        return pairs() == 0 ? 0.0 : (double) (both + baselineOnly) / pairs();
    }

    double candidateShare() {
        return pairs() == 0 ? 0.0 : (double) (both + candidateOnly) / pairs();
    }
}
