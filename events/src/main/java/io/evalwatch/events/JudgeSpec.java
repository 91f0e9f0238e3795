package io.evalwatch.events;

/**
 * The LLM judge of a run, as it travels with each item: the catalogue name of the judging model and the rubric it
 * grades with (id and version, see {@link io.evalwatch.events.judge.JudgeRubrics}), so a later change of a rubric's
 * words is visible in the data.
 */
public record JudgeSpec(String model, String rubricId, int rubricVersion) {
}
