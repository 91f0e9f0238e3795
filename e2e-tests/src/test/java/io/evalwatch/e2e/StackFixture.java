package io.evalwatch.e2e;

import com.sun.net.httpserver.HttpServer;
import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.cli.importer.HumanEvalFormat;
import io.evalwatch.cli.importer.ImportException;
import io.evalwatch.cli.importer.SuiteImport;
import io.evalwatch.localstack.FreePorts;
import io.evalwatch.localstack.LocalStack;
import io.evalwatch.localstack.testing.CheckoutSuffix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * One isolated local stack for the end-to-end tests of this JVM: the packaged services as child processes on free
 * ports, a real Kafka broker, real PostgreSQL databases with an "_e2e" and a
 * checkout suffix ({@link CheckoutSuffix}), started once and stopped at exit.
 * Its suites are the bundled starter and golden suites plus the first 50 HumanEval problems imported from ../shared; its
 * drift alerts are delivered to a webhook receiver in this JVM.
 */
final class StackFixture {

    static final String DRIFT_MONITOR = "drift-humaneval";
    /** Samples per task of the drift monitor's checks (see DriftDetectionIT for why 6). */
    static final int DRIFT_MONITOR_SAMPLES = 6;
    static final String HUMANEVAL_SUITE = "humaneval-50";
    /** An API key every service sees: nothing evalwatch writes may ever contain it. */
    static final String PLANTED_API_KEY = "sk-planted-e2e-" + java.util.UUID.randomUUID();
    /** Keys of the lower roles, beside the stack's own admin key (ApiKeysIT). */
    static final String VIEWER_KEY = "e2e-viewer-" + java.util.UUID.randomUUID();
    static final String OPERATOR_KEY = "e2e-operator-" + java.util.UUID.randomUUID();

    private static LocalStack stack;
    private static final List<String> WEBHOOK_BODIES = new CopyOnWriteArrayList<>();

    private StackFixture() {
    }

    static Path root() {
        return Path.of(System.getProperty("evalwatch.root", "..")).toAbsolutePath().normalize();
    }

    /** The public datasets, read in place: EVALWATCH_DATASETS (via the build), or ../shared/datasets. */
    static Path datasets() {
        String folder = System.getProperty("datasets.dir");
        return (folder != null ? Path.of(folder) : root().resolve("../shared/datasets")).toAbsolutePath().normalize();
    }

    static synchronized LocalStack stack() {
        if (stack == null) {
            Path work = root().resolve("e2e-tests/target/e2e");
            LocalStack started = LocalStack.builder(root())
                    .stateDir(work.resolve("stack"))
                    .isolated(System.getProperty("evalwatch.e2e.database-suffix", "_e2e" + CheckoutSuffix.of(root())))
                    .freshDatabases()
                    .environment("EVALWATCH_SIMULATOR_API_KEY", PLANTED_API_KEY)
                    .apiKey("viewer", VIEWER_KEY, "e2e-viewer")
                    .apiKey("operator", OPERATOR_KEY, "e2e-operator")
                    .property("task-service", "evalwatch.suites.dir", suites(work).toString())
                    .property("model-simulator", "simulator.suites-dir", simulatorSuites(work).toString())
                    .property("task-service", "evalwatch.monitors.file", monitors(work).toString())
                    .property("task-service", "evalwatch.models.file", quirkyModels(work).toString())
                    .property("task-service", "evalwatch.probes.consistency.repeats",
                            Integer.toString(ConsistencyModels.REPEATS))
                    .property("task-service", "evalwatch.probes.long-context.sizes", LongContextModels.SIZES)
                    .property("task-service", "evalwatch.probes.long-context.needles",
                            Integer.toString(LongContextModels.NEEDLES))
                    .property("generator-service", "evalwatch.models.file", quirkyModels(work).toString())
                    .property("model-simulator", "simulator.profiles-file", quirkyProfiles(work).toString())
                    .property("reporting-service", "evalwatch.alerts.webhook-url",
                            "http://127.0.0.1:" + startWebhook() + "/hook")
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.stop(line -> { })));
            started.start(line -> System.out.println("[stack] " + line));
            // the CLI run inside this JVM (GateIT, ...) finds this stack's key as it would EVALWATCH_API_KEY_FILE
            System.setProperty("evalwatch.api-key-file", started.apiKeyFile().toString());
            stack = started;
        }
        return stack;
    }

    static EvalwatchApi api() {
        LocalStack s = stack();
        return new EvalwatchApi(s.url("task-service"), s.url("reporting-service"), Optional.of(s.apiKey()));
    }

    /** The stack's admin key, as {@code Authorization} header value. */
    static String bearer() {
        return "Bearer " + stack().apiKey();
    }

    /** Bodies the alert webhook received so far. */
    static List<String> webhookBodies() {
        return WEBHOOK_BODIES;
    }

    private static Path suites(Path work) {
        Path suites = work.resolve("suites");
        try {
            deleteTree(suites);
            copyTree(root().resolve("suites/starter"), suites.resolve("starter"));
            copyTree(root().resolve("suites/golden"), suites.resolve("golden"));
            // the starter tasks graded by an LLM judge (JudgeIT): by sim-judge, and by sim-alpha, whose family
            // (sim-large) sim-delta shares
            judged(suites, JUDGED_SUITE, "sim-judge");
            judged(suites, SELF_JUDGED_SUITE, "sim-alpha");
            // the format's default limits: the simulator's answers are fast, and no sandbox is up yet to measure
            new SuiteImport(new HumanEvalFormat(), null, null).run(
                    datasets().resolve("humaneval/HumanEval.jsonl.gz"), suites,
                    HUMANEVAL_SUITE, "1.0.0", 50);
            return suites;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ImportException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static final String JUDGED_SUITE = "starter-judged";
    static final String SELF_JUDGED_SUITE = "starter-self-judged";

    private static void judged(Path suites, String name, String judge) throws IOException {
        Path suite = suites.resolve(name);
        copyTree(root().resolve("suites/starter/tasks"), suite.resolve("tasks"));
        Files.writeString(suite.resolve("suite.yaml"), """
                name: %s
                version: 1.0.0
                description: the starter tasks, graded by an LLM judge as well as by their tests
                judge: {model: %s}
                """.formatted(name, judge));
    }

    /** The suites task-service reads. */
    static Path taskSuites() {
        return root().resolve("e2e-tests/target/e2e/suites");
    }

    /**
     * The suites the simulated vendor knows: a copy of the task-service's made at start, so a test can give
     * task-service a suite the vendor does not know yet (and then teach it by writing the suite here).
     */
    static Path simulatorSuites() {
        return root().resolve("e2e-tests/target/e2e/sim-suites");
    }

    private static Path simulatorSuites(Path work) {
        Path suites = work.resolve("sim-suites");
        try {
            deleteTree(suites);
            copyTree(work.resolve("suites"), suites);
            return suites;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The repository's model catalogue (the probes' models with a known truth among them) plus the models that play
     * real servers' quirks (ProviderQuirksIT) and those that answer one kind only (FailureTaxonomyIT).
     */
    private static Path quirkyModels(Path work) {
        try {
            Files.createDirectories(work);
            Path file = work.resolve("models.yaml");
            StringBuilder yaml = new StringBuilder(Files.readString(root().resolve("config/models.yaml")));
            List<String[]> extra = new java.util.ArrayList<>(List.of(ProviderQuirks.MODELS));
            extra.addAll(List.of(AnswerKindModels.catalogue()));
            for (String[] m : extra) {
                yaml.append("""
                          - name: %s
                            provider: openai
                            endpoint: ${EVALWATCH_SIMULATOR_URL:http://127.0.0.1:8090}/v1
                            model_id: %s
                            api_key_env: EVALWATCH_SIMULATOR_API_KEY
                            price_per_million_tokens: {input: 1.00, output: 2.00, cache_read: 0.10}
                            max_concurrency: 4
                            timeout_seconds: 60
                        %s""".formatted(m[0], m[1], m[2]));
            }
            Files.writeString(file, yaml.toString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository's simulator profiles plus the versions ProviderQuirksIT and FailureTaxonomyIT run against. */
    private static Path quirkyProfiles(Path work) {
        try {
            Files.createDirectories(work);
            Path file = work.resolve("simulator.yaml");
            String repo = Files.readString(root().resolve("config/simulator.yaml"));
            int models = repo.indexOf("\nmodels:\n") + "\nmodels:\n".length();
            Files.writeString(file, repo.substring(0, models) + ProviderQuirks.PROFILES + AnswerKindModels.profiles()
                    + repo.substring(models));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path monitors(Path work) {
        // fired by hand through the same path as the cron; disabled so nothing runs on its own during the tests
        Path file = work.resolve("monitors.yaml");
        try {
            Files.createDirectories(work);
            Files.writeString(file, """
                    monitors:
                      - name: %s
                        suite: %s
                        models: [sim-alpha]
                        samples: %d
                        cron: "0 0 6 ? * MON"
                        enabled: false
                        catch_up: false
                    """.formatted(DRIFT_MONITOR, HUMANEVAL_SUITE, DRIFT_MONITOR_SAMPLES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int startWebhook() {
        try {
            int port = FreePorts.next();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/hook", exchange -> {
                WEBHOOK_BODIES.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
