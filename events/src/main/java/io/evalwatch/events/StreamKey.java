package io.evalwatch.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What may be compared over time: the identity of one comparison stream. Runs are compared only with runs of their
 * own stream; an ad-hoc run (no origin) belongs to no stream and steers nothing.
 *
 * <p>{@link #id()} is the stream's lasting identity: origin (a monitor or a named CI series), model, suite name,
 * samples, the generation configuration (provider, endpoint, model id, sampling, prompt template) and the variant.
 * {@link #segment()} is what the stream measured at a time: the exact task set (content hashes) and the execution
 * environment. A new segment (a suite version bump, a changed environment) starts a new reference run while the
 * stream's history goes on, so tasks whose content did not change stay paired across it.
 *
 * @param origin {@code monitor:<name>}, {@code series:<name>}, or null for an ad-hoc run
 * @param model the model's catalogue name
 * @param suite the suite's name
 * @param taskSetHash SHA-256 over the sorted (task id, content hash) pairs the run dispatched
 * @param samples samples per task and model
 * @param generationConfigHash hash of the model's generation configuration (see task-service's GenerationConfig)
 * @param variant the prompt variant or probe ({@code base} for plain runs)
 * @param environmentHash lock hash of the suite's execution environment, null for the plain sandbox
 */
public record StreamKey(
        String origin,
        String model,
        String suite,
        String taskSetHash,
        int samples,
        String generationConfigHash,
        String variant,
        String environmentHash) {

    public static final String MONITOR = "monitor:";
    public static final String SERIES = "series:";

    public static String monitorOrigin(String monitor) {
        return monitor == null ? null : MONITOR + monitor;
    }

    public static String seriesOrigin(String series) {
        return series == null ? null : SERIES + series;
    }

    /** An ad-hoc run: compared on request only; never a reference, never opens or resolves alerts. */
    public boolean adHoc() {
        return origin == null;
    }

    /** The stream's lasting id (16 hex digits); null for an ad-hoc run. */
    public String id() {
        if (adHoc()) {
            return null;
        }
        return hash(String.join("\u0000", origin, model, suite, Integer.toString(samples),
                String.valueOf(generationConfigHash), String.valueOf(variant)));
    }

    /** What the stream measured in this run: task contents and environment (16 hex digits). */
    public String segment() {
        return hash(String.valueOf(taskSetHash) + '\u0000' + String.valueOf(environmentHash));
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present in the JDK", e);
        }
    }
}
