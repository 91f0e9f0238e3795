package io.evalwatch.reporting.validity;

/**
 * The health a run must have before any verdict is drawn from it. Rates are shares of the items expected of one
 * model (and variant) in the run.
 *
 * @param maxProviderErrorRate items whose model call finally failed (HTTP errors, timeouts, refused keys)
 * @param maxPipelineErrorRate items evalwatch's own stages could not process (dead letters)
 * @param maxNoCodeRate answers without any code: a prompt the endpoint does not know, a wrong template, refusals
 * @param maxMissingRate expected items that never arrived
 */
public record ValidityPolicy(double maxProviderErrorRate, double maxPipelineErrorRate, double maxNoCodeRate,
        double maxMissingRate) {

    public ValidityPolicy {
        requireRate("maxProviderErrorRate", maxProviderErrorRate);
        requireRate("maxPipelineErrorRate", maxPipelineErrorRate);
        requireRate("maxNoCodeRate", maxNoCodeRate);
        requireRate("maxMissingRate", maxMissingRate);
    }

    public static ValidityPolicy defaults() {
        return new ValidityPolicy(0.10, 0.05, 0.50, 0.0);
    }

    private static void requireRate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
