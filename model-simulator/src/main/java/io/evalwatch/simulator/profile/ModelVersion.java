package io.evalwatch.simulator.profile;

import io.evalwatch.events.PromptVariant;
import io.evalwatch.simulator.truth.AnswerKind;
import io.evalwatch.simulator.truth.Truth;
import io.evalwatch.simulator.truth.VendorTrouble;

import java.time.Instant;
import java.util.Map;

/**
 * One version of a simulated model: what it answers (seed, pass probability, mutation weights, style), how fast
 * (time to first token in ms, output tokens per second) and how often it fails. activeFrom may be null: such a
 * version comes into force only by an admin call (or as the first version when no other has started).
 * kindSkills is how it reviews and searches (null: derived from the pass probability, see {@link #skills()}).
 * variants is how it answers prompt variants other than base (none: as base; see {@link #forVariant}).
 * repeatNoise is how far its answers to the same prompt differ between requests (null: every request drawn afresh);
 * needleRecall is how often it finds a long-context needle at each position (null: flat, see {@link #needles}).
 */
public record ModelVersion(String version,
                           String systemFingerprint,
                           long seed,
                           double passProbability,
                           Map<AnswerKind, Double> mutationWeights,
                           OutputStyle outputStyle,
                           LogNormal ttftMillis,
                           LogNormal tokensPerSecond,
                           ErrorInjection errors,
                           Instant activeFrom,
                           Quirks quirks,
                           KindSkills kindSkills,
                           Map<PromptVariant, VariantBehaviour> variants,
                           RepeatNoise repeatNoise,
                           NeedleRecall needleRecall) {

    public ModelVersion {
        mutationWeights = Map.copyOf(mutationWeights);
        quirks = quirks == null ? Quirks.none() : quirks;
        variants = variants == null ? Map.of() : Map.copyOf(variants);
    }

    /** A version that draws every request afresh and finds long-context needles with its pass probability. */
    public ModelVersion(String version, String systemFingerprint, long seed, double passProbability,
            Map<AnswerKind, Double> mutationWeights, OutputStyle outputStyle, LogNormal ttftMillis,
            LogNormal tokensPerSecond, ErrorInjection errors, Instant activeFrom, Quirks quirks,
            KindSkills kindSkills, Map<PromptVariant, VariantBehaviour> variants) {
        this(version, systemFingerprint, seed, passProbability, mutationWeights, outputStyle, ttftMillis,
                tokensPerSecond, errors, activeFrom, quirks, kindSkills, variants, null, null);
    }

    /** How often it finds a long-context needle by position: the profile's needle_recall, else flat. */
    public NeedleRecall needles() {
        return needleRecall != null ? needleRecall : NeedleRecall.flat(passProbability);
    }

    /** A version that answers every prompt variant as base. */
    public ModelVersion(String version, String systemFingerprint, long seed, double passProbability,
            Map<AnswerKind, Double> mutationWeights, OutputStyle outputStyle, LogNormal ttftMillis,
            LogNormal tokensPerSecond, ErrorInjection errors, Instant activeFrom, Quirks quirks,
            KindSkills kindSkills) {
        this(version, systemFingerprint, seed, passProbability, mutationWeights, outputStyle, ttftMillis,
                tokensPerSecond, errors, activeFrom, quirks, kindSkills, Map.of());
    }

    /**
     * The version as it answers a prompt variant: the variant's pass probability, its time to first token and its
     * time per token stretched by the variant's latency factor. The same version for base and any variant the
     * profile does not name.
     */
    public ModelVersion forVariant(PromptVariant variant) {
        VariantBehaviour b = variants.get(variant);
        if (b == null) {
            return this;
        }
        double f = b.latencyFactor();
        return new ModelVersion(version, systemFingerprint, seed,
                b.passProbability() == null ? passProbability : b.passProbability(), mutationWeights, outputStyle,
                new LogNormal(ttftMillis.median() * f, ttftMillis.sigma(), ttftMillis.added() * f),
                new LogNormal(tokensPerSecond.median() / f, tokensPerSecond.sigma(), tokensPerSecond.added()),
                errors, activeFrom, quirks, kindSkills, Map.of(), repeatNoise, needleRecall);
    }

    /** A version whose review and search skills follow from its pass probability. */
    public ModelVersion(String version, String systemFingerprint, long seed, double passProbability,
            Map<AnswerKind, Double> mutationWeights, OutputStyle outputStyle, LogNormal ttftMillis,
            LogNormal tokensPerSecond, ErrorInjection errors, Instant activeFrom, Quirks quirks) {
        this(version, systemFingerprint, seed, passProbability, mutationWeights, outputStyle, ttftMillis,
                tokensPerSecond, errors, activeFrom, quirks, (KindSkills) null);
    }

    /** The review and search skills: as the profile gives them, else derived from the pass probability. */
    public KindSkills skills() {
        return kindSkills != null ? kindSkills : KindSkills.derivedFrom(passProbability);
    }

    /** A version that behaves like a well-kept server (no quirks). */
    public ModelVersion(String version, String systemFingerprint, long seed, double passProbability,
            Map<AnswerKind, Double> mutationWeights, OutputStyle outputStyle, LogNormal ttftMillis,
            LogNormal tokensPerSecond, ErrorInjection errors, Instant activeFrom) {
        this(version, systemFingerprint, seed, passProbability, mutationWeights, outputStyle, ttftMillis,
                tokensPerSecond, errors, activeFrom, Quirks.none());
    }

    /** The known truth: the answer this version gives for a task and request seed. */
    public AnswerKind decide(String taskId, long requestSeed) {
        if (repeatNoise != null) {
            return Truth.decideWithRepeatNoise(seed, passProbability, mutationWeights, taskId, requestSeed,
                    repeatNoise.flipProbability());
        }
        return Truth.decide(seed, passProbability, mutationWeights, taskId, requestSeed);
    }

    /** Whether the given attempt (0 = first) of a request with this seed meets vendor trouble. */
    public VendorTrouble trouble(long requestSeed, int attempt) {
        return Truth.trouble(seed, errors.rate429(), errors.rate503(), requestSeed, attempt);
    }
}
