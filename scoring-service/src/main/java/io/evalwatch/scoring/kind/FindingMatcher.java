package io.evalwatch.scoring.kind;

import io.evalwatch.events.work.KnownFinding;
import io.evalwatch.events.work.ReviewCategories;
import io.evalwatch.scoring.kind.ReviewAnswer.Reported;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Matches reported findings to known ones, one to one, as many as possible. A reported finding can match a known
 * one when it is in the same file (paths compared case-sensitively, leading "./" stripped), its line lies within
 * [start - 3, end + 3], and its category is compatible ({@link ReviewCategories#compatible}).
 *
 * <p>Why a bipartite matching and not greedy by distance: greedy is optimal for points against intervals only when
 * any point may go to any interval containing it; the category condition breaks that (a finding nearest to one
 * known finding may be the only one compatible with another). The sets are a handful, so Kuhn's augmenting paths
 * give a maximum matching cheaply; candidates are tried nearest first (then in the task's order), so among maximum
 * matchings the natural one is chosen and the result is deterministic. A reported finding left unmatched because
 * its known finding was already taken (a duplicate) is a false positive, like any other unmatched one. Pure.
 */
final class FindingMatcher {

    /** Lines a reported finding may lie before the start or after the end of a known one. */
    static final int LINE_TOLERANCE = 3;

    private FindingMatcher() {
    }

    /** For each known finding, the index of the reported finding matched to it, or -1. */
    static int[] match(List<KnownFinding> known, List<Reported> reported) {
        List<List<Integer>> candidates = new ArrayList<>();
        for (Reported r : reported) {
            List<Integer> fits = new ArrayList<>();
            for (int k = 0; k < known.size(); k++) {
                if (matches(known.get(k), r)) {
                    fits.add(k);
                }
            }
            int line = r.line();
            fits.sort(Comparator.comparingInt((Integer k) -> distance(known.get(k), line)).thenComparingInt(k -> k));
            candidates.add(fits);
        }
        int[] matchOfKnown = new int[known.size()];
        Arrays.fill(matchOfKnown, -1);
        for (int r = 0; r < reported.size(); r++) {
            augment(r, candidates, matchOfKnown, new boolean[known.size()]);
        }
        return matchOfKnown;
    }

    /** Kuhn's step: give reported finding r a known one, moving earlier matches along if that frees one. */
    private static boolean augment(int r, List<List<Integer>> candidates, int[] matchOfKnown, boolean[] visited) {
        for (int k : candidates.get(r)) {
            if (visited[k]) {
                continue;
            }
            visited[k] = true;
            if (matchOfKnown[k] < 0 || augment(matchOfKnown[k], candidates, matchOfKnown, visited)) {
                matchOfKnown[k] = r;
                return true;
            }
        }
        return false;
    }

    static boolean matches(KnownFinding known, Reported reported) {
        return reported.file().equals(AnswerJson.normalisePath(known.file()))
                && reported.line() >= known.startLine() - LINE_TOLERANCE
                && reported.line() <= known.endLine() + LINE_TOLERANCE
                && ReviewCategories.compatible(reported.category(), known.category());
    }

    /** 0 inside the known range, else the lines between. */
    private static int distance(KnownFinding known, int line) {
        return line < known.startLine() ? known.startLine() - line : Math.max(0, line - known.endLine());
    }
}
