package io.evalwatch.generator.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.localstack.QuarkusAppProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The generator's own cost and its drift as a measuring instrument; run by bench/generator/run.sh, not by the
 * build (the name ends in neither Test nor IT). Two parts:
 * <ol>
 * <li>overhead: 200 concurrent workers against a zero-latency simulated model; items/s end to end and the
 * generator process's CPU time per item;</li>
 * <li>TTFT drift: bursts of c simultaneous requests (c = 1 .. 200) to a model with a 200 ms first token and
 * 50 tokens/s; measured TTFT against 200 ms and against what the simulator says it actually did.</li>
 * <li>host lag under a CPU hog: the same paced batch on a quiet machine and while busy loops compete for every
 * core; medians of TTFT, host lag and TTFT less host lag, next to the simulator's own lateness.</li>
 * </ol>
 * Writes generator-service/target/it/benchmark.md.
 */
class GeneratorBenchmark {

    private static final int WORKERS = 200;

    @Test
    void overheadAndDrift() throws IOException {
        ItStack stack = ItStack.start(Map.of(
                        "smallrye.messaging.worker.generation.max-concurrency", Integer.toString(WORKERS),
                        "mp.messaging.incoming.tasks.max.poll.records", "500",
                        "quarkus.log.category.\"io.evalwatch\".level", "INFO"),
                List.of("-Xmx512m", "-XX:+UseZGC"));
        StringBuilder report = new StringBuilder();
        report.append("# generator-service benchmark, ").append(Instant.now()).append("\n\n")
                .append("Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores; Kafka broker, ")
                .append("model-simulator, generator-service and the driver each in their own JVM on it.\n")
                .append("Generator JVM: -Xmx512m -XX:+UseZGC, worker pool ").append(WORKERS).append(".\n")
                .append("Load average at start (other work on the machine shows here): ").append(loadAverage())
                .append("\n\n");

        overhead(stack, report, 1500, true);
        overhead(stack, report, 6000, false);
        drift(stack, report);
        hostLagUnderHog(stack, report);

        report.append("Load average at end: ").append(loadAverage()).append('\n');
        Path out = stack.work.resolve("benchmark.md");
        Files.writeString(out, report);
        System.out.println(report);
    }

    private static void overhead(ItStack stack, StringBuilder report, int items, boolean warmUp) {
        String run = ItSuite.newRun(warmUp ? "bench-warm" : "bench-overhead");
        List<TaskDispatched> batch = ItSuite.items(run, "instant", items);
        double generatorCpu = cpuSeconds(stack.generator);
        double simulatorCpu = cpuSeconds(stack.simulator);
        long start = System.nanoTime();
        stack.topics.dispatchAll(batch);
        List<ConsumerRecord<String, GenerationCompleted>> done = stack.topics.awaitRun(run, r -> r.size() >= items,
                Duration.ofMinutes(10));
        double wall = (System.nanoTime() - start) / 1e9;
        double generatorUsed = cpuSeconds(stack.generator) - generatorCpu;
        double simulatorUsed = cpuSeconds(stack.simulator) - simulatorCpu;
        assertEquals(items, done.size());
        long errors = done.stream().filter(r -> r.value().error() != null).count();
        List<Double> durations = done.stream().map(r -> r.value().timings().durationSeconds()).toList();
        double meanDuration = durations.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        if (warmUp) {
            report.append(String.format("Warm-up: %d items in %.1f s.%n%n", items, wall));
            return;
        }
        double throughput = items / wall;
        report.append("## Overhead: ").append(WORKERS).append(" concurrent workers, zero-latency model\n\n")
                .append("| items | errors | wall s | items/s | generator CPU ms/item | simulator CPU ms/item |"
                        + " mean request s | mean requests open (Little) |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|\n")
                .append(String.format("| %d | %d | %.1f | %.0f | %.3f | %.3f | %.4f | %.1f |%n%n", items, errors, wall,
                        throughput, generatorUsed / items * 1000, simulatorUsed / items * 1000, meanDuration,
                        throughput * meanDuration));
    }

    private static void drift(ItStack stack, StringBuilder report) {
        report.append("## TTFT drift: bursts of c simultaneous requests, true TTFT 200 ms, 50 tokens/s\n\n")
                .append("| c | items | measured median ms | measured p95 ms | simulator lateness mean ms |"
                        + " drift vs 200 ms (median) | drift vs simulator's actual | tokens/s median |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        // warm the paced path first
        burst(stack, 32);
        for (int c : new int[] {1, 8, 32, 64, 128, 200}) {
            int rounds = Math.max(2, 40 / c);
            ItStack.Lateness before = stack.simulatorLateness();
            List<GenerationCompleted> all = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                all.addAll(burst(stack, c));
            }
            double lateness = stack.simulatorLateness().meanSince(before);
            Fidelity f = Fidelity.of(all);
            report.append(String.format("| %d | %d | %.1f | %.1f | %.2f | %+.1f | %+.1f | %.2f |%n", c, all.size(),
                    f.medianTtft() * 1000, f.p95Ttft() * 1000, lateness * 1000, (f.medianTtft() - 0.200) * 1000,
                    (f.medianTtft() - 0.200 - lateness) * 1000, f.medianTokensPerSecond()));
        }
        report.append('\n');
    }

    private static void hostLagUnderHog(ItStack stack, StringBuilder report) {
        Duration interval = Duration.ofMillis(40);
        HostLagPhase quiet = HostLagPhase.measure(stack, "quiet", "paced", 60, interval);
        HostLagPhase hog = HostLagPhase.underCpuHog(4,
                () -> HostLagPhase.measure(stack, "4 busy loops", "paced", 60, interval));
        report.append("## Host lag under a CPU hog: 60 items at 25/s, true TTFT 200 ms\n\n")
                .append("| phase | median TTFT ms | median host lag ms | max host lag ms | median TTFT - host lag ms |"
                        + " simulator lateness mean ms |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (HostLagPhase p : List.of(quiet, hog)) {
            report.append(String.format("| %s | %.1f | %.2f | %.1f | %.1f | %.2f |%n", p.name(), p.ttft() * 1000,
                    p.hostLag() * 1000, p.maxLag() * 1000, p.ttftLessLag() * 1000, p.simulatorLateness() * 1000));
        }
        report.append('\n');
    }

    private static List<GenerationCompleted> burst(ItStack stack, int c) {
        String run = ItSuite.newRun("bench-drift");
        stack.topics.dispatchAll(ItSuite.items(run, "paced", c));
        List<ConsumerRecord<String, GenerationCompleted>> done = stack.topics.awaitRun(run, r -> r.size() >= c,
                Duration.ofMinutes(2));
        assertEquals(c, done.size());
        return done.stream().map(ConsumerRecord::value).toList();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double cpuSeconds(QuarkusAppProcess app) {
        return ProcessHandle.of(app.pid()).flatMap(p -> p.info().totalCpuDuration())
                .map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }
}
