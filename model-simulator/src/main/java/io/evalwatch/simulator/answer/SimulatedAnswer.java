package io.evalwatch.simulator.answer;

import io.evalwatch.simulator.truth.AnswerKind;

/**
 * A reply of the simulator: the kind the truth decided, the kind actually delivered (a mistake that does not apply to
 * a task falls back to another failing kind), the code (null for a refusal) and the full reply text.
 */
public record SimulatedAnswer(AnswerKind decided, AnswerKind delivered, String code, String content) {
}
