package io.evalwatch.simulator.answer;

import io.evalwatch.simulator.truth.AnswerKind;

/**
 * A reply of the simulator: the kind the truth decided, the kind actually delivered (a mistake that does not apply to
 * a task falls back to another failing kind), the code (null for a refusal) and the full reply text; truth is what a
 * review or search answer holds (null for the other kinds).
 */
public record SimulatedAnswer(AnswerKind decided, AnswerKind delivered, String code, String content,
        KindAnswers.KindTruth truth) {

    /** An answer of a generation or completion task: its truth is the delivered kind. */
    public SimulatedAnswer(AnswerKind decided, AnswerKind delivered, String code, String content) {
        this(decided, delivered, code, content, null);
    }
}
