package io.evalwatch.sandbox.isolation;

/**
 * One line a harness wrote to the results channel. {@code e} names the event: hello, raw, load, start, result,
 * evidence, lingering, done, end, analysis. Fields that an event does not use are null.
 */
public record HarnessRecord(
        String e,
        Integer i,
        Boolean ok,
        String kind,
        String type,
        String message,
        String status,
        Double seconds,
        Boolean signature,
        Integer params,
        Boolean compiles,
        String detail,
        Integer count,
        Integer exit,
        Integer signal,
        Integer line,
        java.util.Map<String, Object> report) {
}
