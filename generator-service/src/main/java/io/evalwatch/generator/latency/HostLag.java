package io.evalwatch.generator.latency;

/** Where the host lag of a request comes from: the delay this process itself added between two of its stamps. */
@FunctionalInterface
public interface HostLag {

    /** Nothing watched: no host lag is known. */
    HostLag UNKNOWN = (startNanos, firstNanos) -> null;

    /**
     * Seconds of delay this process added to the time from startNanos to firstNanos ({@link System#nanoTime()}
     * values), or null when it was not watching.
     */
    Double lagSeconds(long startNanos, long firstNanos);
}
