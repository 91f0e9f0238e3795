package io.evalwatch.simulator.profile;

/**
 * How a model version answers one prompt variant differently from base, as a profile's {@code variants:} says:
 * another pass probability (null: the version's own), and a latency factor that stretches time to first token and
 * every token's time (1.25: answers 25 % slower, a structured output's overhead).
 */
public record VariantBehaviour(Double passProbability, double latencyFactor) {

    public static final VariantBehaviour NONE = new VariantBehaviour(null, 1.0);

    public VariantBehaviour {
        if (!(latencyFactor > 0)) {
            throw new IllegalArgumentException("latency_factor must be positive, got " + latencyFactor);
        }
    }
}
