package io.evalwatch.simulator.service;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Requests open at this simulated vendor per model, and the most that were open at once since the last reset: what
 * a vendor sees of a client's concurrency, counted from arrival until the response ended or the connection closed.
 */
@ApplicationScoped
public class OpenRequests {

    /** Open now and the most open at once since the last reset. */
    public record Count(int open, int peak) {
    }

    private final Map<String, int[]> byModel = new ConcurrentHashMap<>();

    /** A request for model arrived; run the returned action once when it is over. */
    public Runnable open(String model) {
        int[] count = byModel.computeIfAbsent(model, m -> new int[2]);
        synchronized (count) {
            count[0]++;
            count[1] = Math.max(count[1], count[0]);
        }
        boolean[] closed = {false};
        return () -> {
            synchronized (count) {
                if (!closed[0]) {
                    closed[0] = true;
                    count[0]--;
                }
            }
        };
    }

    /** Every model that has had a request, by name. */
    public Map<String, Count> counts() {
        Map<String, Count> counts = new TreeMap<>();
        byModel.forEach((model, count) -> {
            synchronized (count) {
                counts.put(model, new Count(count[0], count[1]));
            }
        });
        return counts;
    }

    /** Starts the peaks again from the requests open now. */
    public void resetPeaks() {
        byModel.values().forEach(count -> {
            synchronized (count) {
                count[1] = count[0];
            }
        });
    }
}
