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
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Host lag against a real CPU hog: the same batch (the simulator's sim-fidelity, first token at 200 ms, no
 * randomness) on a quiet machine and then while busy-loop processes compete for every core. The vendor did not
 * change, so what the hog adds to the generator's time to first token should show up as host lag.
 *
 * <p>Only medians of the two phases are compared, with wide margins, never absolute timings: the machine may be
 * shared with other builds, so the hog runs at niceness -10 where that is allowed, to outweigh them. The simulator
 * runs on the same cores and is slowed by the hog too; its own first-token lateness is printed next to the
 * generator's figures, because host lag cannot (and must not) explain it. Host lag is a lower bound of the
 * generator's share (README, "Host lag"), so the check is that discounting it moves TTFT towards the truth, not
 * that it lands on it.
 */
class HostLagIT {

    private static final String MODEL = "paced";
    private static final double TTFT = 0.200;
    private static final int ITEMS = 60;
    private static final Duration INTERVAL = Duration.ofMillis(40);
    private static final int HOGS = 4;
    private static ItStack stack;

    @BeforeAll
    static void start() {
        stack = ItStack.get();
        String run = ItSuite.newRun("lag-warm-up");
        stack.topics.dispatchAll(ItSuite.items(run, MODEL, 48));
        stack.topics.awaitRun(run, r -> r.size() >= 48, Duration.ofSeconds(120));
    }

    /** Medians of one phase, in seconds. */
    record Phase(String name, double ttft, double hostLag, double ttftLessLag, double maxLag, double simulatorLateness) {

        @Override
        public String toString() {
            return String.format("%s: median ttft %.1f ms, median host lag %.2f ms (max %.1f ms), median ttft - host lag"
                    + " %.1f ms; simulator's own first-token lateness %.2f ms", name, ttft * 1000, hostLag * 1000,
                    maxLag * 1000, ttftLessLag * 1000, simulatorLateness * 1000);
        }
    }

    private static Phase phase(String name) {
        String run = ItSuite.newRun("lag-" + name);
        ItStack.Lateness before = stack.simulatorLateness();
        List<TaskDispatched> items = ItSuite.items(run, MODEL, ITEMS);
        List<Double> ttft = new ArrayList<>();
        List<Double> lag = new ArrayList<>();
        List<Double> less = new ArrayList<>();
        for (GenerationCompleted g : stack.generate(run, items, INTERVAL, Duration.ofSeconds(180))) {
            assertNull(g.error(), () -> g.itemId() + ": " + g.error());
            assertNotNull(g.timings().hostLagSeconds(), () -> g.itemId() + " has no host lag: " + g.timings());
            assertTrue(g.timings().hostLagSeconds() >= 0, g.timings().toString());
            ttft.add(g.timings().ttftSeconds());
            lag.add(g.timings().hostLagSeconds());
            less.add(g.timings().ttftSeconds() - g.timings().hostLagSeconds());
        }
        Phase phase = new Phase(name, Fidelity.quantile(ttft, 0.5), Fidelity.quantile(lag, 0.5),
                Fidelity.quantile(less, 0.5), Fidelity.quantile(lag, 1.0),
                stack.simulatorLateness().meanSince(before));
        System.out.println("[host-lag] " + phase);
        return phase;
    }

    /**
     * -10 where allowed (root or CAP_SYS_NICE): then the busy loops outweigh whatever else runs on a shared CI
     * machine, so the difference between the phases is the hog's and not the neighbours'; 0 elsewhere.
     */
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

    @Test
    void aCpuHogShowsAsHostLagAndExplainsTheGeneratorsShareOfTheDelay() {
        Phase quiet = phase("quiet");
        Phase hog;
        List<Process> hogs = new ArrayList<>();
        try {
            String niceness = hogNiceness();
            for (int i = 0; i < HOGS; i++) {
                // bounded even if this JVM dies before the finally block
                hogs.add(new ProcessBuilder("nice", "-n", niceness, "timeout", "300", "sh", "-c", "while :; do :; done")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            }
            System.out.println("[host-lag] " + HOGS + " busy loops at niceness " + niceness);
            hog = phase("hog");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (Process p : hogs) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        // a hog that could not slow this machine down (neighbours already saturating it, no right to outrank them)
        // leaves nothing to explain: say so rather than pass or fail on noise
        Assumptions.assumeTrue(hog.ttft() - quiet.ttft() > 0.005, "the hog did not slow generations down: " + quiet
                + " | " + hog);
        // the evidence is there and moves with the hog
        // (how much larger depends on how the scheduler shares two cores with the hog: 2.4 ms against 0.26, or 1.1
        // against 0.47, in two runs here; the size belongs to the README's figures, the direction to this test)
        assertTrue(hog.hostLag() > quiet.hostLag(), "host lag should be larger under the hog: " + quiet + " | " + hog);
        // discounting it brings the generator's reading back towards what the vendor (the simulator) did
        double raw = Math.abs(hog.ttft() - TTFT);
        double discounted = Math.abs(hog.ttftLessLag() - TTFT);
        assertTrue(discounted < raw, "ttft - host lag should be closer to the configured " + TTFT * 1000
                + " ms than ttft: " + quiet + " | " + hog);
    }
}
