package io.evalwatch.scoring.kind;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.GenerationCompleted;

/**
 * Scores the answers of one task kind (one implementation per {@link io.evalwatch.events.TaskKind}, chosen in
 * {@link KindScorers#of}). Called for answered items only: a generation that failed at the provider is a provider
 * error whatever its kind, decided before a kind's scorer is asked. Pure.
 */
public interface KindScorer {

    /**
     * The verdict on an answer.
     *
     * @param generation the model's answer and the task it answers
     * @param execution what the sandbox made of it; null when the item was not executed (review and search are
     *     never executed; an executable kind's answer arriving without its execution is a pipeline error)
     */
    KindVerdict score(GenerationCompleted generation, ExecutionCompleted execution);
}
