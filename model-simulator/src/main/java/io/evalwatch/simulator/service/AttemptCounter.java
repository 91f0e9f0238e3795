package io.evalwatch.simulator.service;

import io.evalwatch.simulator.config.SimulatorConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the attempts of each (model, seed), so that a retried item draws its vendor trouble again. Bounded: the
 * least recently used counters are forgotten (a forgotten item simply starts again at attempt 0).
 */
@ApplicationScoped
public class AttemptCounter {

    private final Map<String, Integer> attempts;

    public AttemptCounter(SimulatorConfig config) {
        int capacity = Math.max(16, config.attemptMemory());
        this.attempts = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The attempt number of this request (0 for the first) for the model and seed. */
    public synchronized int next(String model, long seed) {
        return attempts.merge(model + '\u0000' + seed, 1, Integer::sum) - 1;
    }

    public synchronized void clear() {
        attempts.clear();
    }
}
