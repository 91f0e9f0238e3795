package io.evalwatch.reporting.stats;

import java.util.Collection;
import java.util.Objects;
import org.apache.commons.statistics.descriptive.Quantile;

/** Percentiles of latency samples (null samples ignored), by Commons Statistics' default estimator. */
public final class Percentiles {

    private static final Quantile QUANTILE = Quantile.withDefaults();

    private Percentiles() {
    }

    /** The p-quantile (0..1) of the non-null values, or null when there are none. */
    public static Double of(Collection<Double> values, double p) {
        double[] data = values.stream().filter(Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
        if (data.length == 0) {
            return null;
        }
        return QUANTILE.evaluate(data, p);
    }
}
