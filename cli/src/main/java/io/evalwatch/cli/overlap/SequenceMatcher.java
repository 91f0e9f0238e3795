package io.evalwatch.cli.overlap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Python's {@code difflib.SequenceMatcher(None, a, b)} over the code points of two strings: {@link #ratio()} is the
 * number Python prints, bit for bit, autojunk included (in a b of 200 or more code points, a code point occurring
 * more than 1 % of len(b) + 1 times is "popular" and never starts a match, though matches may grow over it). A port
 * rather than a look-alike so that what {@code suites overlap} flags is what a brute-force difflib loop flags.
 */
public final class SequenceMatcher {

    private static final int[] NOTHING = new int[0];
    private static final int AUTOJUNK_MIN = 200;

    private final int[] a;
    private final int[] b;
    // b2j: for each code point of b that is not popular, where it occurs in b, ascending
    private final Map<Integer, int[]> b2j;
    // scratch of find_longest_match's j2len dictionaries, indexed by j + 1; reset after each use
    private int[] j2len;
    private int[] newj2len;

    public SequenceMatcher(String a, String b) {
        this(a.codePoints().toArray(), b.codePoints().toArray());
    }

    SequenceMatcher(int[] a, int[] b) {
        this.a = a;
        this.b = b;
        this.b2j = b2j(b);
    }

    private static Map<Integer, int[]> b2j(int[] b) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int c : b) {
            counts.merge(c, 1, Integer::sum);
        }
        int n = b.length;
        int ntest = n / 100 + 1;
        Map<Integer, int[]> positions = new HashMap<>();
        Map<Integer, Integer> filled = new HashMap<>();
        for (Map.Entry<Integer, Integer> count : counts.entrySet()) {
            if (n >= AUTOJUNK_MIN && count.getValue() > ntest) {
                continue;
            }
            positions.put(count.getKey(), new int[count.getValue()]);
            filled.put(count.getKey(), 0);
        }
        for (int j = 0; j < n; j++) {
            int[] at = positions.get(b[j]);
            if (at != null) {
                int k = filled.merge(b[j], 1, Integer::sum) - 1;
                at[k] = j;
            }
        }
        return positions;
    }

    /** 2.0 * matches / (len(a) + len(b)), 1.0 when both are empty: difflib's ratio(). */
    public double ratio() {
        int total = a.length + b.length;
        return total == 0 ? 1.0 : 2.0 * matches() / total;
    }

    /**
     * difflib's quick_ratio(): an upper bound of {@link #ratio()} from the code points the two share, ignoring
     * their order.
     */
    public double quickRatio() {
        // counts of b's code points: an array for ASCII, a map for the rest
        int[] ascii = new int[128];
        Map<Integer, Integer> other = new HashMap<>();
        for (int c : b) {
            if (c < 128) {
                ascii[c]++;
            } else {
                other.merge(c, 1, Integer::sum);
            }
        }
        int matches = 0;
        for (int c : a) {
            if (c < 128) {
                if (ascii[c] > 0) {
                    ascii[c]--;
                    matches++;
                }
            } else {
                Integer left = other.get(c);
                if (left != null && left > 0) {
                    other.put(c, left - 1);
                    matches++;
                }
            }
        }
        int total = a.length + b.length;
        return total == 0 ? 1.0 : 2.0 * matches / total;
    }

    /** difflib's real_quick_ratio(): the upper bound the two lengths allow. */
    public static double realQuickRatio(int la, int lb) {
        int total = la + lb;
        return total == 0 ? 1.0 : 2.0 * Math.min(la, lb) / total;
    }

    /** The sum of get_matching_blocks()'s sizes. */
    int matches() {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        j2len = new int[b.length + 1];
        newj2len = new int[b.length + 1];
        int matches = 0;
        Deque<int[]> queue = new ArrayDeque<>();
        queue.push(new int[] {0, a.length, 0, b.length});
        while (!queue.isEmpty()) {
            int[] range = queue.pop();
            int alo = range[0];
            int ahi = range[1];
            int blo = range[2];
            int bhi = range[3];
            int[] match = findLongestMatch(alo, ahi, blo, bhi);
            int i = match[0];
            int j = match[1];
            int k = match[2];
            if (k > 0) {
                matches += k;
                if (alo < i && blo < j) {
                    queue.push(new int[] {alo, i, blo, j});
                }
                if (i + k < ahi && j + k < bhi) {
                    queue.push(new int[] {i + k, ahi, j + k, bhi});
                }
            }
        }
        return matches;
    }

    /**
     * find_longest_match(alo, ahi, blo, bhi) with no junk function: the longest block of a[alo:ahi] equal to
     * b[blo:bhi] that starts with a non-popular element (earliest in a, then in b, on ties), then extended over
     * equal neighbours on both sides, popular or not, as difflib does.
     */
    int[] findLongestMatch(int alo, int ahi, int blo, int bhi) {
        int besti = alo;
        int bestj = blo;
        int bestsize = 0;
        // j2len[j + 1] is the length of the match ending at a[i - 1] and b[j]; touched lists what to clear
        int[] touched = new int[0];
        int touchedCount = 0;
        for (int i = alo; i < ahi; i++) {
            int[] js = b2j.getOrDefault(a[i], NOTHING);
            int[] newTouched = new int[js.length];
            int newCount = 0;
            for (int j : js) {
                if (j < blo) {
                    continue;
                }
                if (j >= bhi) {
                    break;
                }
                int k = j2len[j] + 1;
                newj2len[j + 1] = k;
                newTouched[newCount++] = j + 1;
                if (k > bestsize) {
                    besti = i - k + 1;
                    bestj = j - k + 1;
                    bestsize = k;
                }
            }
            for (int t = 0; t < touchedCount; t++) {
                j2len[touched[t]] = 0;
            }
            int[] swap = j2len;
            j2len = newj2len;
            newj2len = swap;
            touched = newTouched;
            touchedCount = newCount;
        }
        for (int t = 0; t < touchedCount; t++) {
            j2len[touched[t]] = 0;
        }
        while (besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1]) {
            besti--;
            bestj--;
            bestsize++;
        }
        while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] == b[bestj + bestsize]) {
            bestsize++;
        }
        return new int[] {besti, bestj, bestsize};
    }
}
