package io.evalwatch.generator.provider;

import io.evalwatch.events.Usage;

/**
 * One HTTP exchange with a vendor. Times are {@link System#nanoTime()} values: {@code startNanos} when the HTTP
 * client took the request body to write it on the connection, {@code endNanos} when the last byte arrived or the
 * attempt was abandoned; {@code clientNanos} is how long the client took, before that, to get the request going.
 *
 * @param usage tokens this attempt is billed for: the provider's counts, or an estimate when it sent none
 * @param usageEstimated whether {@code usage} is an estimate
 * @param failure null when the attempt produced an answer
 */
public record Attempt(
        long startNanos,
        long endNanos,
        long clientNanos,
        Integer httpStatus,
        String requestId,
        Transcript transcript,
        Usage usage,
        boolean usageEstimated,
        AttemptFailure failure) {

    public boolean answered() {
        return failure == null;
    }
}
