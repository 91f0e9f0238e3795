package io.evalwatch.events;

/**
 * A solved task shown to the model before its own task in the few-shot prompt variant: another task of the same
 * suite, kind and language, with its reference solution.
 */
public record FewShotExample(String taskId, String prompt, String solution) {
}
