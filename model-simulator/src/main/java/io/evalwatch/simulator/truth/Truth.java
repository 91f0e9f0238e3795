package io.evalwatch.simulator.truth;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The known truth of the simulator: which answer a model version gives for an item, and whether an attempt meets
 * vendor trouble. Pure functions of their arguments (JDK only), so any test can compute every item's expected outcome.
 */
public final class Truth {

    // distinct salts keep the answer, the trouble and the latency draws of one request independent of each other
    private static final long ANSWER_SALT = 0x5DEECE66DL;
    private static final long TROUBLE_SALT = 0x2545F4914F6CDD1DL;
    private static final long LATENCY_SALT = 0x9E3779B97F4A7C15L;
    private static final long PICK_SALT = 0xC2B2AE3D27D4EB4FL;
    private static final long JUDGE_SALT = 0x165667B19E3779F9L;
    private static final long FOUND_SALT = 0x27D4EB2F165667C5L;
    private static final long INVENTED_SALT = 0x85EBCA77C2B2AE63L;
    private static final long RANK_SALT = 0x61C8864680B583EBL;
    private static final long FLIP_SALT = 0xD6E8FEB86659FD93L;
    /** The request seed a steady answer is decided with: one per task, whatever the request's seed. */
    private static final long USUAL_REQUEST = 0;
    private static final long NEEDLE_SALT = 0x4CF5AD432745937FL;

    /** {@link #goldRank}'s answer when a near miss comes first (the gold location then comes second). */
    public static final int NEAR_MISS_FIRST = -1;

    private Truth() {
    }

    /**
     * The answer kind for one item.
     *
     * @param versionSeed     the seed of the model version in force
     * @param passProbability probability of answering with the reference solution
     * @param mutationWeights relative weights of the other kinds (missing or non-positive weights never occur)
     * @param taskId          the task's id
     * @param requestSeed     the request's seed (the generator sends {@code ItemIds.seedOf(itemId)})
     */
    public static AnswerKind decide(long versionSeed, double passProbability, Map<AnswerKind, Double> mutationWeights,
                                    String taskId, long requestSeed) {
        if (!(passProbability >= 0.0 && passProbability <= 1.0)) {
            throw new IllegalArgumentException("pass probability must be within [0, 1], got " + passProbability);
        }
        SplittableRandom random = new SplittableRandom(mix(versionSeed, ANSWER_SALT, hashOf(taskId), requestSeed));
        if (random.nextDouble() < passProbability) {
            return AnswerKind.REFERENCE;
        }
        double total = 0;
        for (AnswerKind kind : AnswerKind.values()) {
            total += weightOf(mutationWeights, kind);
        }
        if (total <= 0) {
            throw new IllegalArgumentException("pass probability " + passProbability
                    + " is below 1 but no mutation has a positive weight");
        }
        // iterate in enum order, never map order, so the pick does not depend on the map implementation
        double target = random.nextDouble() * total;
        AnswerKind last = null;
        for (AnswerKind kind : AnswerKind.values()) {
            double weight = weightOf(mutationWeights, kind);
            if (weight <= 0) {
                continue;
            }
            last = kind;
            if (target < weight) {
                return kind;
            }
            target -= weight;
        }
        return last;
    }

    /**
     * The answer kind for one item of a version with repeat noise: the task's usual answer (decided as by
     * {@link #decide} with one request seed for every request), answered the other way with probability
     * flipProbability, drawn per request seed: a usual reference becomes a syntax error, a usual mistake the
     * reference. See {@code RepeatNoise}.
     */
    public static AnswerKind decideWithRepeatNoise(long versionSeed, double passProbability,
                                                   Map<AnswerKind, Double> mutationWeights, String taskId,
                                                   long requestSeed, double flipProbability) {
        AnswerKind usual = decide(versionSeed, passProbability, mutationWeights, taskId, USUAL_REQUEST);
        boolean flipped = new SplittableRandom(mix(versionSeed, FLIP_SALT, hashOf(taskId), requestSeed))
                .nextDouble() < flipProbability;
        if (!flipped) {
            return usual;
        }
        return usual == AnswerKind.REFERENCE ? AnswerKind.SYNTAX_ERROR : AnswerKind.REFERENCE;
    }

    /**
     * Whether one attempt of a request meets vendor trouble. Attempts of the same (model, seed) are counted from 0 by
     * the simulator, so a retry of an item draws again and can succeed.
     */
    public static VendorTrouble trouble(long versionSeed, double rate429, double rate503, long requestSeed,
                                        int attempt) {
        if (rate429 <= 0 && rate503 <= 0) {
            return VendorTrouble.NONE;
        }
        double u = new SplittableRandom(mix(versionSeed, TROUBLE_SALT, requestSeed, attempt)).nextDouble();
        if (u < rate429) {
            return VendorTrouble.RATE_LIMITED;
        }
        if (u < rate429 + rate503) {
            return VendorTrouble.UNAVAILABLE;
        }
        return VendorTrouble.NONE;
    }

    /** A standard normal draw for the latency of one attempt (deterministic, so timings are reproducible). */
    public static double latencyNoise(long versionSeed, long requestSeed, int attempt, int which) {
        SplittableRandom random = new SplittableRandom(mix(versionSeed, LATENCY_SALT + which, requestSeed, attempt));
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** A deterministic index in {@code [0, bound)}: which neighbouring problem a WRONG_PROBLEM answer solves. */
    public static int pick(long versionSeed, String taskId, long requestSeed, int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return new SplittableRandom(mix(versionSeed, PICK_SALT, hashOf(taskId), requestSeed)).nextInt(bound);
    }

    /**
     * The score a simulated LLM judge gives an answer: 5 when the judged code is the task's reference (whitespace
     * normalised), otherwise a value in 1..3 drawn from (version, task, request seed), so tests know every grade.
     *
     * @param reference the task's reference solution, null when the task is unknown (then never 5)
     */
    public static int judgeScore(long versionSeed, String taskId, long requestSeed, String reference,
                                 String judgedCode) {
        if (reference != null && judgedCode != null && normaliseWhitespace(reference).equals(
                normaliseWhitespace(judgedCode))) {
            return 5;
        }
        return 1 + new SplittableRandom(mix(versionSeed, JUDGE_SALT, hashOf(taskId == null ? "" : taskId),
                requestSeed)).nextInt(3);
    }

    /** Whether a review answer reports the task's known finding at findingIndex (probability: its tier's). */
    public static boolean findingReported(long versionSeed, String taskId, long requestSeed, int findingIndex,
                                          double probability) {
        return new SplittableRandom(mix(versionSeed, FOUND_SALT + findingIndex, hashOf(taskId), requestSeed))
                .nextDouble() < probability;
    }

    /** Whether a review answer adds an invented finding in slot 0 or 1. */
    public static boolean findingInvented(long versionSeed, String taskId, long requestSeed, int slot,
                                          double probability) {
        return new SplittableRandom(mix(versionSeed, INVENTED_SALT + slot, hashOf(taskId), requestSeed))
                .nextDouble() < probability;
    }

    /**
     * Where a search answer puts the task's first gold location: {@link #NEAR_MISS_FIRST} (probability nearMiss),
     * else rank r (1-based) with probability ranks[r - 1], else 0: not at all.
     */
    public static int goldRank(long versionSeed, String taskId, long requestSeed, double nearMiss,
                               java.util.List<Double> ranks) {
        double u = new SplittableRandom(mix(versionSeed, RANK_SALT, hashOf(taskId), requestSeed)).nextDouble();
        if (u < nearMiss) {
            return NEAR_MISS_FIRST;
        }
        u -= nearMiss;
        for (int r = 0; r < ranks.size(); r++) {
            if (u < ranks.get(r)) {
                return r + 1;
            }
            u -= ranks.get(r);
        }
        return 0;
    }

    /** Whether a long-context answer finds its needle (probability: the version's recall at the needle's position). */
    public static boolean needleFound(long versionSeed, String needle, long requestSeed, double recall) {
        return new SplittableRandom(mix(versionSeed, NEEDLE_SALT, hashOf(needle), requestSeed)).nextDouble() < recall;
    }

    /** Runs of whitespace as one space, none at the ends. */
    public static String normaliseWhitespace(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /** A stable 64-bit FNV-1a hash of the UTF-8 bytes (String.hashCode is too weak to mix well). */
    public static long hashOf(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long a, long b, long c, long d) {
        long h = fmix(a ^ 0x94D049BB133111EBL);
        h = fmix(h ^ b);
        h = fmix(h ^ c);
        return fmix(h ^ d);
    }

    // MurmurHash3's 64-bit finaliser: a full avalanche so that neighbouring seeds give unrelated streams
    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb93fe53a87b6L;
        k ^= k >>> 33;
        return k;
    }

    private static double weightOf(Map<AnswerKind, Double> weights, AnswerKind kind) {
        if (kind == AnswerKind.REFERENCE || weights == null) {
            return 0;
        }
        Double weight = weights.get(kind);
        return weight == null || weight.isNaN() || weight < 0 ? 0 : weight;
    }
}
