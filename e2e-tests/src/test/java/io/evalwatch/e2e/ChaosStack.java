package io.evalwatch.e2e;

import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.localstack.LocalStack;
import io.evalwatch.localstack.testing.CheckoutSuffix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The chaos tests' own local stack, apart from {@link StackFixture}'s so that killing its processes disturbs no other
 * test: its own state folder, free ports and databases with a "_chaos" suffix. It knows one suite of trivial tasks
 * and one fast simulated model whose known truth decides every answer, and ends a stalled run after a few minutes,
 * so an item lost by a fault fails a test with the missing items listed instead of hanging it.
 */
final class ChaosStack {

    static final String SUITE = "chaos";
    static final String MODEL = "chaos-sim";
    static final int TASKS = 25;
    /** The most samples task-service allows (evalwatch.runs.max-samples): 25 tasks × 20 samples = 500 items. */
    static final int SAMPLES = 20;
    static final int ITEMS = TASKS * SAMPLES;
    /** Slots of the stack's sandbox run as uid 64500 + n: clear of the default stack's (64000) and the test's (64200). */
    static final int SANDBOX_UID_BASE = 64500;

    private static LocalStack stack;

    private ChaosStack() {
    }

    static synchronized LocalStack stack() {
        if (stack == null) {
            Path work = StackFixture.root().resolve("e2e-tests/target/chaos");
            Path suites = suites(work);
            LocalStack.Builder builder = LocalStack.builder(StackFixture.root());
            for (String consumer : List.of("task-service", "generator-service", "sandbox-service", "scoring-service",
                    "reporting-service")) {
                // a killed instance's partitions go to the others after 15 s instead of the default 45 s
                builder.property(consumer, "kafka.session.timeout.ms", "15000");
            }
            LocalStack started = builder
                    .stateDir(work.resolve("stack"))
                    .isolated("_chaos" + CheckoutSuffix.of(StackFixture.root()))
                    .freshDatabases()
                    .environment("EVALWATCH_SIMULATOR_API_KEY", "sk-chaos-simulator")
                    .property("task-service", "evalwatch.suites.dir", suites.toString())
                    .property("task-service", "evalwatch.models.file", models(work).toString())
                    // no monitor: nothing starts a run but the tests
                    .property("task-service", "evalwatch.monitors.file", work.resolve("no-monitors.yaml").toString())
                    .property("generator-service", "evalwatch.models.file", models(work).toString())
                    .property("model-simulator", "simulator.suites-dir", suites.toString())
                    .property("model-simulator", "simulator.profiles-file", profiles(work).toString())
                    .property("sandbox-service", "evalwatch.sandbox.uid-base", Integer.toString(SANDBOX_UID_BASE))
                    // the faults are the subject, not the code: without mypy and co. a run takes seconds, not minutes
                    .property("sandbox-service", "evalwatch.sandbox.analysis.enabled", "false")
                    // a run that a fault left with lost items ends incomplete, its missing items listed
                    .property("reporting-service", "evalwatch.runs.stall-timeout", "PT3M")
                    .property("reporting-service", "evalwatch.runs.check-every", "5s")
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.stop(line -> { })));
            started.start(line -> System.out.println("[chaos stack] " + line));
            stack = started;
        }
        return stack;
    }

    /**
     * Stops the stack while the tests' JVM still has time: its shutdown hook alone may be cut short (the test JVM is
     * killed some seconds after its tests end), which left the simulator and the restarted broker running.
     */
    static synchronized void stop() {
        if (stack != null) {
            stack.stop(line -> System.out.println("[chaos stack] " + line));
        }
    }

    static EvalwatchApi api() {
        LocalStack s = stack();
        return new EvalwatchApi(s.url("task-service"), s.url("reporting-service"), Optional.of(s.apiKey()));
    }

    static List<String> taskIds() {
        return IntStream.rangeClosed(1, TASKS).mapToObj(n -> "add-%02d".formatted(n)).toList();
    }

    static Path profilesFile() {
        return StackFixture.root().resolve("e2e-tests/target/chaos/simulator.yaml");
    }

    /** One suite of trivial Python tasks (add-NN: return x + NN), so a run's cost is the pipeline's, not the code's. */
    static Path suites(Path work) {
        Path suites = work.resolve("suites");
        Path tasks = suites.resolve(SUITE).resolve("tasks");
        try {
            StackFixture.deleteTree(suites);
            Files.createDirectories(tasks);
            Files.writeString(suites.resolve(SUITE).resolve("suite.yaml"), """
                    name: %s
                    version: 1.0.0
                    description: trivial tasks for the chaos tests; each item costs the pipeline, not the sandbox
                    """.formatted(SUITE));
            for (int n = 1; n <= TASKS; n++) {
                Files.writeString(tasks.resolve("add-%02d.yaml".formatted(n)), """
                        id: add-%1$02d
                        category: arithmetic
                        kind: generation
                        language: python
                        entry_point: add_%1$d
                        timeout_seconds: 5
                        prompt: |
                          Write a Python function `add_%1$d(x: int) -> int` that returns x plus %1$d.
                        tests:
                          - name: adds
                            code: assert add_%1$d(1) == %2$d
                          - name: zero
                            edge: true
                            code: assert add_%1$d(0) == %1$d
                        reference: |
                          def add_%1$d(x: int) -> int:
                              return x + %1$d
                        """.formatted(n, n + 1));
            }
            return suites;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path models(Path work) {
        return write(work.resolve("models.yaml"), """
                models:
                  - name: %s
                    provider: openai
                    endpoint: ${EVALWATCH_SIMULATOR_URL:http://127.0.0.1:8090}/v1
                    model_id: %s
                    api_key_env: EVALWATCH_SIMULATOR_API_KEY
                    price_per_million_tokens: {input: 1.00, output: 2.00}
                    max_concurrency: 8
                    timeout_seconds: 30
                """.formatted(MODEL, MODEL));
    }

    /**
     * A fast model (150 ms to the first token, so that generating 500 items takes seconds, not a blink) that is
     * right 80% of the time and otherwise writes a syntax error: every item's outcome is known from its id.
     */
    static Path profiles(Path work) {
        return write(work.resolve("simulator.yaml"), """
                models:
                  %s:
                    description: the chaos tests' model (PipelineChaosIT)
                    versions:
                      - version: "v1"
                        system_fingerprint: fp_chaos_v1
                        active_from: 2025-01-01T00:00:00Z
                        seed: 9901
                        pass_probability: 0.8
                        mutations: {syntax_error: 1}
                        output_style: fenced
                        ttft: {median_ms: 150, sigma: 0.0}
                        tokens_per_second: {median: 2000, sigma: 0.0}
                        errors: {rate_429: 0.0, rate_503: 0.0, retry_after_seconds: 1}
                """.formatted(MODEL));
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
