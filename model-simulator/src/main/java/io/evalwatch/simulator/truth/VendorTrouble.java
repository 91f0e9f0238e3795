package io.evalwatch.simulator.truth;

/** A simulated vendor failure for one attempt of a request. */
public enum VendorTrouble {
    NONE,
    /** HTTP 429 with Retry-After. */
    RATE_LIMITED,
    /** HTTP 503 (529 on the Anthropic API) with Retry-After. */
    UNAVAILABLE
}
