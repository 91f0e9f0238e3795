package io.evalwatch.simulator.profile;

/** A positive quantity given by its median and the sigma of its logarithm; sigma 0 makes it constant. */
public record LogNormal(double median, double sigma) {

    /** The value for a standard normal draw {@code z}: the median when z is 0. */
    public double sample(double z) {
        return sigma == 0 ? median : median * Math.exp(sigma * z);
    }
}
