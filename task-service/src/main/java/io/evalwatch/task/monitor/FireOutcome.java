package io.evalwatch.task.monitor;

import io.evalwatch.task.run.Run;

/**
 * What one fire of a monitor did: started {@code run}; was held back by {@code run}, its previous run still in
 * progress; or found its scheduled time already handled (by another instance of the service).
 */
public record FireOutcome(Kind kind, Run run) {

    /** The three ways a fire ends. */
    public enum Kind { STARTED, BUSY, ALREADY_HANDLED }

    static FireOutcome started(Run run) {
        return new FireOutcome(Kind.STARTED, run);
    }

    static FireOutcome busy(Run running) {
        return new FireOutcome(Kind.BUSY, running);
    }

    static FireOutcome alreadyHandled() {
        return new FireOutcome(Kind.ALREADY_HANDLED, null);
    }
}
