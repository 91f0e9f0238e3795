package io.evalwatch.generator.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.TaskDispatched;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Medians of one batch of generations, in seconds: time to first token, host lag, and the two taken together,
 * next to the simulator's own first-token lateness (which host lag cannot, and must not, explain).
 */
record HostLagPhase(String name, double ttft, double hostLag, double ttftLessLag, double maxLag,
        double simulatorLateness) {

    /** Dispatches {@code items} items for {@code model} at a steady pace and takes the medians of their timings. */
    static HostLagPhase measure(ItStack stack, String name, String model, int items, Duration interval) {
        String run = ItSuite.newRun("lag-" + name);
        ItStack.Lateness before = stack.simulatorLateness();
        List<TaskDispatched> batch = ItSuite.items(run, model, items);
        return of(name, stack.generate(run, batch, interval, Duration.ofSeconds(180)),
                stack.simulatorLateness().meanSince(before));
    }

    static HostLagPhase of(String name, List<GenerationCompleted> generations, double simulatorLateness) {
        List<Double> ttft = new ArrayList<>();
        List<Double> lag = new ArrayList<>();
        List<Double> less = new ArrayList<>();
        for (GenerationCompleted g : generations) {
            assertNull(g.error(), () -> g.itemId() + ": " + g.error());
            assertNotNull(g.timings().hostLagSeconds(), () -> g.itemId() + " has no host lag: " + g.timings());
            assertTrue(g.timings().hostLagSeconds() >= 0, g.timings().toString());
            ttft.add(g.timings().ttftSeconds());
            lag.add(g.timings().hostLagSeconds());
            less.add(g.timings().ttftSeconds() - g.timings().hostLagSeconds());
        }
        HostLagPhase phase = new HostLagPhase(name, Fidelity.quantile(ttft, 0.5), Fidelity.quantile(lag, 0.5),
                Fidelity.quantile(less, 0.5), Fidelity.quantile(lag, 1.0), simulatorLateness);
        System.out.println("[host-lag] " + phase);
        return phase;
    }

    /**
     * Runs {@code work} while {@code hogs} busy loops compete for every core, at niceness -10 where that is allowed
     * (root or CAP_SYS_NICE), so they outweigh whatever else runs on a shared machine; each loop is bounded by
     * timeout(1) even if this JVM dies first.
     */
    static <T> T underCpuHog(int hogs, Supplier<T> work) {
        List<Process> started = new ArrayList<>();
        try {
            String niceness = hogNiceness();
            for (int i = 0; i < hogs; i++) {
                started.add(new ProcessBuilder("nice", "-n", niceness, "timeout", "300", "sh", "-c",
                        "while :; do :; done").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            System.out.println("[host-lag] " + hogs + " busy loops at niceness " + niceness);
            return work.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (Process p : started) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private static String hogNiceness() {
        try {
            Process probe = new ProcessBuilder("nice", "-n", "-10", "true").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor() == 0 ? "-10" : "0";
        } catch (IOException e) {
            return "0";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "0";
        }
    }

    @Override
    public String toString() {
        return String.format("%s: median ttft %.1f ms, median host lag %.2f ms (max %.1f ms), median ttft - host lag"
                + " %.1f ms; simulator's own first-token lateness %.2f ms", name, ttft * 1000, hostLag * 1000,
                maxLag * 1000, ttftLessLag * 1000, simulatorLateness * 1000);
    }
}
