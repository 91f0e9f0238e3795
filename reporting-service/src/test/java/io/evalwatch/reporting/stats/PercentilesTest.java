package io.evalwatch.reporting.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void medianAndTailOfKnownSamplesIgnoringNulls() {
        List<Double> values = new ArrayList<>(Arrays.asList(0.5, 0.1, 0.3, null, 0.2, 0.4));

        assertEquals(0.3, Percentiles.of(values, 0.5), 1e-12);
        assertEquals(0.1, Percentiles.of(values, 0.0), 1e-12);
        assertEquals(0.5, Percentiles.of(values, 1.0), 1e-12);
        assertNull(Percentiles.of(Arrays.asList(null, null), 0.5));
    }
}
