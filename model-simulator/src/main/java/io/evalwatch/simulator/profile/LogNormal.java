package io.evalwatch.simulator.profile;

/**
 * A positive quantity given by its median and the sigma of its logarithm, plus a fixed amount added to every draw
 * (a vendor update that makes every first token 150 ms later adds 150 without changing the spread); sigma 0 makes
 * it constant.
 */
public record LogNormal(double median, double sigma, double added) {

    public LogNormal(double median, double sigma) {
        this(median, sigma, 0);
    }

    /** The value for a standard normal draw {@code z}: median + added when z is 0. */
    public double sample(double z) {
        return added + (sigma == 0 ? median : median * Math.exp(sigma * z));
    }
}
