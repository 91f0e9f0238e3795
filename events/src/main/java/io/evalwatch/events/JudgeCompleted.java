package io.evalwatch.events;

import java.time.Instant;

/**
 * An LLM judge's grade of one item's answer. {@code score} is 1..5, or null when there is none, with the reason in
 * {@code unscoredReason} (the reply did not follow the rubric's format, the judge call failed). {@code usage} and
 * {@code costUsd} are the judge call's own, never added to the item's. A judgement never decides pass/fail: it is
 * reported beside the automated verdict and compared with it.
 *
 * @param model the model under test whose answer was judged
 * @param judgeModel the catalogue name of the judging model
 */
public record JudgeCompleted(
        int schemaVersion,
        String itemId,
        String runId,
        String model,
        String judgeModel,
        String rubricId,
        int rubricVersion,
        Integer score,
        String rationale,
        String unscoredReason,
        Usage usage,
        double costUsd,
        int attempts,
        Instant occurredAt) {

    public static final int SCHEMA_VERSION = 1;
    public static final int MIN_SCORE = 1;
    public static final int MAX_SCORE = 5;

    public JudgeCompleted {
        usage = usage == null ? Usage.zero() : usage;
    }
}
