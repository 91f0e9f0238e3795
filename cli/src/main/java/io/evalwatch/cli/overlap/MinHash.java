package io.evalwatch.cli.overlap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * MinHash signatures over the character 5-shingles of a normalised text, cut into bands for locality-sensitive
 * hashing: two texts whose shingle sets have Jaccard similarity s share at least one band key with probability
 * 1 - (1 - s^rows)^bands. The defaults (32 bands × 3 rows) are chosen in docs/SUITES.md ("Train/eval overlap"): pairs
 * at difflib ratio ≥ 0.8 mostly have shingle Jaccard ≥ 0.5 (0.985 here; 0.88 at 0.4), unrelated code about 0.1
 * (0.03 here).
 */
public final class MinHash {

    public static final int SHINGLE = 5;
    public static final int BANDS = 32;
    public static final int ROWS = 3;
    private static final long SEED = 20261206L;

    private final int bands;
    private final int rows;
    // hash function f is x -> multipliers[f] * x + addends[f] (mod 2^32) over shingle hashes already mixed:
    // datasketch's (a x + b) mod p with 2^32 for the prime, in int arithmetic so that the JIT turns the loop over
    // the functions into vector instructions
    private final int[] multipliers;
    private final int[] addends;

    public MinHash() {
        this(BANDS, ROWS, SEED);
    }

    /**
     * Bands for a ratio threshold: 32 × 3 at 0.8 (the benchmarked default); below 0.8 pairs are less alike, so
     * 48 bands of 2 rows (a pair at Jaccard 0.3 is a candidate with probability 0.99, at the cost of more candidates
     * to verify); from 0.9 up, 24 bands of 4 rows (0.97 at Jaccard 0.6) and fewer candidates.
     */
    public static MinHash forThreshold(double threshold) {
        if (threshold < 0.8) {
            return new MinHash(48, 2, SEED);
        }
        return threshold < 0.9 ? new MinHash() : new MinHash(24, 4, SEED);
    }

    public MinHash(int bands, int rows, long seed) {
        this.bands = bands;
        this.rows = rows;
        SplittableRandom random = new SplittableRandom(seed);
        this.multipliers = new int[bands * rows];
        this.addends = new int[bands * rows];
        for (int f = 0; f < multipliers.length; f++) {
            multipliers[f] = random.nextInt() | 1;
            addends[f] = random.nextInt();
        }
    }

    public int bands() {
        return bands;
    }

    /** The probability that a pair at Jaccard similarity s becomes a candidate. */
    public double candidateProbability(double s) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }

    /** One key per band of the text's signature; equal keys in the same band make a candidate pair. */
    public long[] bandKeys(String normalised) {
        int[] shingles = shingles(normalised);
        return keys(signature(shingles, 0, shingles.length));
    }

    /**
     * {@link #bandKeys(String)} of each text, computed once for the longest and reused for the texts inside it (a
     * sample's fields inside their join): a field's shingles are a range of the join's, and the join's minimum is the
     * minimum of its fields' and of the shingles no field covers.
     */
    public List<long[]> bandKeys(List<String> texts) {
        int longest = 0;
        for (int i = 1; i < texts.size(); i++) {
            if (texts.get(i).length() > texts.get(longest).length()) {
                longest = i;
            }
        }
        String whole = texts.get(longest);
        int[] hashes = shingles(whole);
        boolean[] covered = new boolean[hashes.length];
        int[][] signatures = new int[texts.size()][];
        List<Integer> inside = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int at = i == longest || text.length() < SHINGLE || whole.length() < SHINGLE ? -1 : whole.indexOf(text);
            if (at >= 0) {
                int to = at + text.length() - SHINGLE + 1;
                signatures[i] = signature(hashes, at, to);
                Arrays.fill(covered, at, to, true);
                inside.add(i);
            } else if (i != longest) {
                int[] own = shingles(text);
                signatures[i] = signature(own, 0, own.length);
            }
        }
        int[] rest = new int[hashes.length];
        int restCount = 0;
        for (int k = 0; k < hashes.length; k++) {
            if (!covered[k]) {
                rest[restCount++] = hashes[k];
            }
        }
        int[] joined = signature(rest, 0, restCount);
        for (int i : inside) {
            for (int f = 0; f < joined.length; f++) {
                joined[f] = Math.min(joined[f], signatures[i][f]);
            }
        }
        signatures[longest] = joined;
        List<long[]> keys = new ArrayList<>(texts.size());
        for (int[] signature : signatures) {
            keys.add(keys(signature));
        }
        return keys;
    }

    private long[] keys(int[] signature) {
        long[] keys = new long[bands];
        for (int band = 0; band < bands; band++) {
            long key = band;
            for (int row = 0; row < rows; row++) {
                key = mix(key * 31 + signature[band * rows + row]);
            }
            keys[band] = key;
        }
        return keys;
    }

    /**
     * The hashes of the text's character shingles (one for the whole text when shorter than a shingle); repeats are
     * kept, since they cannot change a minimum and removing them costs more than they do.
     */
    static int[] shingles(String text) {
        int count = Math.max(1, text.length() - SHINGLE + 1);
        int[] hashes = new int[count];
        for (int i = 0; i < count; i++) {
            long h = 1125899906842597L;
            for (int k = i; k < Math.min(text.length(), i + SHINGLE); k++) {
                h = 31 * h + text.charAt(k);
            }
            hashes[i] = (int) (mix(h) >>> 32);
        }
        return hashes;
    }

    /** Each of the bands × rows hash functions' minimum over shingles[from, to). */
    int[] signature(int[] shingles, int from, int to) {
        int[] signature = new int[multipliers.length];
        // one function at a time over all shingles: the running minimum stays in a register (measured faster than
        // all functions per shingle)
        for (int f = 0; f < signature.length; f++) {
            int multiplier = multipliers[f];
            int addend = addends[f];
            int min = Integer.MAX_VALUE;
            for (int k = from; k < to; k++) {
                int h = multiplier * shingles[k] + addend;
                if (h < min) {
                    min = h;
                }
            }
            signature[f] = min;
        }
        return signature;
    }

    // the SplitMix64 finaliser: each output bit depends on every input bit
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
