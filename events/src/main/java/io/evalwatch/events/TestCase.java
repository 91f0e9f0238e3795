package io.evalwatch.events;

/**
 * One test of a task: a code snippet that exercises the entry point. Edge tests probe boundaries and weigh
 * less when they fail (a missed edge case is a smaller fault than a wrong answer).
 */
public record TestCase(String name, String code, boolean edge) {
}
