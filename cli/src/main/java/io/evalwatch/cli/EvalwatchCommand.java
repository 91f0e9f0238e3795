package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.cli.importer.BenchmarkFormat;
import io.evalwatch.cli.importer.ImportException;
import io.evalwatch.cli.importer.ReferenceTimer;
import io.evalwatch.cli.importer.SandboxReferenceRunner;
import io.evalwatch.cli.importer.SuiteImport;
import io.evalwatch.cli.importer.TimeLimit;
import io.evalwatch.localstack.LocalStack;
import io.evalwatch.localstack.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The evalwatch command line. */
@Command(name = "evalwatch", mixinStandardHelpOptions = true, version = "evalwatch 0.1.0",
        description = "Continuous evaluation of LLMs on your own code tasks.",
        subcommands = {
                EvalwatchCommand.Demo.class,
                EvalwatchCommand.Up.class,
                EvalwatchCommand.Down.class,
                EvalwatchCommand.Status.class,
                EvalwatchCommand.Run.class,
                EvalwatchCommand.Report.class,
                EvalwatchCommand.Gate.class,
                EvalwatchCommand.Alerts.class,
                EvalwatchCommand.FrontierCommand.class,
                EvalwatchCommand.Suites.class,
                BaselineCommand.class,
                ModelsCommand.class})
public class EvalwatchCommand implements Runnable {

    static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new EvalwatchCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + e.getMessage());
            return e instanceof EvalwatchApi.ApiException ? 2 : 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static Path root() {
        return Path.of(System.getProperty("evalwatch.root", ".")).toAbsolutePath().normalize();
    }

    static LocalStack localStack() {
        return LocalStack.builder(root()).build();
    }

    /** Where the running services are; defaults are the local stack's ports. */
    static class Endpoints {
        @Option(names = "--task-url", defaultValue = "${env:EVALWATCH_TASK_URL:-http://127.0.0.1:8081}",
                description = "task-service base URL (default: ${DEFAULT-VALUE})")
        String taskUrl;

        @Option(names = "--reporting-url", defaultValue = "${env:EVALWATCH_REPORTING_URL:-http://127.0.0.1:8085}",
                description = "reporting-service base URL (default: ${DEFAULT-VALUE})")
        String reportingUrl;

        EvalwatchApi api() {
            return new EvalwatchApi(taskUrl, reportingUrl);
        }
    }

    /** What to run. */
    static class RunOptions {
        @Option(names = "--suite", required = true, description = "suite name (a folder under suites/)")
        String suite;

        @Option(names = {"--model", "-m"}, required = true, split = ",",
                description = "model name(s) from config/models.yaml; repeat or separate with commas")
        List<String> models;

        @Option(names = "--samples", defaultValue = "1", description = "samples per task, for pass@k (default: 1)")
        int samples;

        @Option(names = "--tasks", split = ",", description = "only these task ids")
        List<String> tasks;

        @Option(names = "--timeout", defaultValue = "900", description = "seconds to wait for completion (default: 900)")
        int timeoutSeconds;

        @Option(names = "--series", description = "the named series this run belongs to ([a-z0-9][a-z0-9_-]*): runs"
                + " of one series, model, suite, samples and model configuration are compared over time; without it"
                + " the run is ad hoc and compared only on request")
        String series;

        ObjectNode request() {
            ObjectNode body = JSON.createObjectNode();
            body.put("suite", suite);
            body.putPOJO("models", models);
            body.put("samples", samples);
            if (tasks != null) {
                body.putPOJO("tasks", tasks);
            }
            if (series != null) {
                body.put("series", series);
            }
            return body;
        }
    }

    static JsonNode runAndWait(EvalwatchApi api, ObjectNode request, Duration timeout) {
        JsonNode run = api.startRun(request);
        String runId = run.path("runId").asText();
        int expected = run.path("expectedItems").asInt();
        System.out.printf("Run %s: suite %s (%s), models %s, %d items%n", runId, run.path("suite").asText(),
                run.path("suiteVersion").asText(), run.path("models"), expected);
        return new RunWatcher(api, System.out).await(runId, expected, timeout);
    }

    @Command(name = "demo", description = "Start the local stack, run the starter suite against two simulated models,"
            + " print the report, and leave the stack running.")
    static class Demo implements Callable<Integer> {
        @Option(names = "--samples", defaultValue = "3", description = "samples per task (default: 3)")
        int samples;

        @Override
        public Integer call() {
            LocalStack stack = localStack();
            System.out.println("Starting the local stack (state and logs in " + stack.stateDir() + ") ...");
            stack.start(line -> System.out.println("  " + line));
            EvalwatchApi api = new EvalwatchApi(stack.url("task-service"), stack.url("reporting-service"));
            ObjectNode request = JSON.createObjectNode();
            request.put("suite", "starter");
            request.putPOJO("models", List.of("sim-alpha", "sim-beta"));
            request.put("samples", samples);
            // a named series, so the demo's runs form streams: the frontier and later demos compare with them
            request.put("series", "demo");
            JsonNode report = runAndWait(api, request, Duration.ofMinutes(15));
            System.out.println();
            System.out.print(ReportTable.render(report));
            System.out.println();
            printUrls(stack);
            System.out.println("The stack keeps running. Stop it with: ./evalwatch down");
            return 0;
        }
    }

    static void printUrls(LocalStack stack) {
        System.out.println("Services:");
        for (ServiceSpec s : stack.services()) {
            System.out.printf("  %-18s %s   (health /q/health, metrics /q/metrics)%n", s.name(), stack.url(s.name()));
        }
        System.out.println("  kafka              " + stack.bootstrapServers());
        System.out.println("  logs               " + stack.logsDir());
    }

    @Command(name = "up", description = "Start the local stack (Kafka, the services, the model simulator).")
    static class Up implements Callable<Integer> {
        @Override
        public Integer call() {
            LocalStack stack = localStack();
            stack.start(line -> System.out.println("  " + line));
            printUrls(stack);
            return 0;
        }
    }

    @Command(name = "down", description = "Stop the local stack.")
    static class Down implements Callable<Integer> {
        @Override
        public Integer call() {
            localStack().stop(line -> System.out.println("  " + line));
            System.out.println("Local stack stopped.");
            return 0;
        }
    }

    @Command(name = "status", description = "Show which parts of the local stack are running.")
    static class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            Map<String, Boolean> status = localStack().status();
            status.forEach((name, up) -> System.out.printf("  %-18s %s%n", name, up ? "running" : "stopped"));
            return status.values().stream().allMatch(b -> b) ? 0 : 3;
        }
    }

    @Command(name = "run", description = "Run a suite against models on a running stack and print the report.")
    static class Run implements Callable<Integer> {
        @CommandLine.Mixin
        Endpoints endpoints;

        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
        RunOptions options;

        @Option(names = "--json", description = "print the report as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            JsonNode report = runAndWait(endpoints.api(), options.request(), Duration.ofSeconds(options.timeoutSeconds));
            System.out.println(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report)
                    : ReportTable.render(report));
            return 0;
        }
    }

    @Command(name = "report", description = "Print a run's report (the latest run when no id is given).")
    static class Report implements Callable<Integer> {
        @CommandLine.Mixin
        Endpoints endpoints;

        @Parameters(arity = "0..1", description = "run id")
        String runId;

        @Option(names = "--json", description = "print the report as JSON")
        boolean json;

        @Override
        public Integer call() throws Exception {
            EvalwatchApi api = endpoints.api();
            String id = runId;
            if (id == null) {
                JsonNode runs = api.runs();
                if (runs.isEmpty()) {
                    throw new EvalwatchApi.ApiException(0, "no runs yet; start one with ./evalwatch run");
                }
                id = runs.get(0).path("runId").asText();
            }
            JsonNode report = api.report(id);
            System.out.println(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(report)
                    : ReportTable.render(report));
            return 0;
        }
    }

    @Command(name = "gate", description = "Run a suite for a model and compare it with a baseline: exit 0 when there"
            + " is no significant regression, 1 on a regression, 2 when the check could not run. Writes JUnit XML.")
    static class Gate implements Callable<Integer> {
        @CommandLine.Mixin
        Endpoints endpoints;

        @Option(names = "--suite", required = true, description = "suite name")
        String suite;

        @Option(names = {"--model", "-m"}, required = true, description = "the model to check")
        String model;

        @Option(names = "--baseline", defaultValue = "last",
                description = "'last' (the model's accepted baseline) or a run id (default: last)")
        String baseline;

        @Option(names = "--samples", defaultValue = "3", description = "samples per task; must match the baseline's"
                + " for 'last' (default: 3)")
        int samples;

        @Option(names = "--junit", defaultValue = "evalwatch-gate.xml", description = "JUnit XML output (default: ${DEFAULT-VALUE})")
        Path junit;

        @Option(names = "--timeout", defaultValue = "1800", description = "seconds to wait (default: 1800)")
        int timeoutSeconds;

        @Option(names = "--series", description = "the named series of this check, for example the branch"
                + " ([a-z0-9][a-z0-9_-]*): gate runs of one series are one comparison stream over time")
        String series;

        @Override
        public Integer call() {
            try {
                EvalwatchApi api = endpoints.api();
                ObjectNode request = JSON.createObjectNode();
                request.put("suite", suite);
                request.putPOJO("models", List.of(model));
                request.put("samples", samples);
                request.put("gate", true);
                if (series != null) {
                    request.put("series", series);
                }
                JsonNode report = runAndWait(api, request, Duration.ofSeconds(timeoutSeconds));
                String runId = report.path("runId").asText();
                JsonNode regression = awaitAnalysis(api, runId, "last".equals(baseline) ? null : baseline);
                JsonNode verdict = regression.path("models").get(0);
                if (verdict == null || "no_baseline".equals(verdict.path("verdict").asText())) {
                    System.err.println("last".equals(baseline)
                            ? "gate: " + model + " has no baseline on " + suite + " with " + samples
                                    + " samples to compare with: no stream measured this task set and configuration"
                                    + " yet (a monitor's first run, or a run with --series, becomes one's reference)"
                            : "gate: baseline run " + baseline + " is unknown to reporting or has no items of " + model);
                    return GateVerdict.COULD_NOT_RUN;
                }
                if ("invalid".equals(verdict.path("verdict").asText())) {
                    System.err.println("gate: run " + runId + " is not fit to judge " + model + ": "
                            + verdict.path("stream").path("health").path("problems"));
                    return GateVerdict.COULD_NOT_RUN;
                }
                List<GateVerdict.Case> cases = GateVerdict.cases(regression);
                GateVerdict.writeJUnit(junit, "evalwatch gate " + suite + " " + model, cases, runId);
                cases.forEach(c -> System.out.println((c.regressed() ? "  REGRESSED  " : "  ok         ") + c.summary()));
                int code = GateVerdict.exitCode(regression);
                System.out.println(code == GateVerdict.PASS ? "gate: no significant regression against baseline "
                        + verdict.path("baselineRunId").asText() : "gate: REGRESSION against baseline "
                        + verdict.path("baselineRunId").asText() + " — report: " + endpoints.reportingUrl + "/api/runs/"
                        + runId + "/regression.html");
                System.out.println("JUnit XML: " + junit.toAbsolutePath());
                return code;
            } catch (RuntimeException | java.io.IOException e) {
                System.err.println("gate: could not run: " + e.getMessage());
                return GateVerdict.COULD_NOT_RUN;
            }
        }

        private JsonNode awaitAnalysis(EvalwatchApi api, String runId, String explicitBaseline) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                JsonNode regression = api.regression(runId, explicitBaseline);
                boolean pending = false;
                for (JsonNode m : regression.path("models")) {
                    pending |= "pending".equals(m.path("verdict").asText());
                }
                if (!pending || System.nanoTime() > deadline) {
                    return regression;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return regression;
                }
            }
        }
    }

    @Command(name = "alerts", description = "List alerts (open ones by default).")
    static class Alerts implements Callable<Integer> {
        @CommandLine.Mixin
        Endpoints endpoints;

        @Option(names = "--status", defaultValue = "open", description = "open, acknowledged, resolved or all")
        String status;

        @Override
        public Integer call() {
            JsonNode alerts = endpoints.api().alerts("all".equals(status) ? null : status);
            if (alerts.isEmpty()) {
                System.out.println("no " + ("all".equals(status) ? "" : status + " ") + "alerts");
            }
            for (JsonNode a : alerts) {
                System.out.printf("%s  %-22s %-12s %-10s %s  (%s)%n", a.path("createdAt").asText(),
                        a.path("signal").asText(), a.path("model").asText("-"), a.path("severity").asText(),
                        a.path("summary").asText(), a.path("alertId").asText());
            }
            return 0;
        }
    }

    @Command(name = "frontier", description = "The cost-quality frontier of a suite.")
    static class FrontierCommand implements Callable<Integer> {
        @CommandLine.Mixin
        Endpoints endpoints;

        @Option(names = "--suite", required = true, description = "suite name")
        String suite;

        @Override
        public Integer call() {
            List<String[]> rows = new java.util.ArrayList<>();
            rows.add(new String[] {"model", "composite", "pass rate", "$ per completed task", "composite per $",
                    "frontier"});
            for (JsonNode p : endpoints.api().frontier(suite)) {
                rows.add(new String[] {p.path("model").asText(), String.format("%.3f", p.path("composite").asDouble()),
                        String.format("%.3f", p.path("passRate").asDouble()),
                        p.path("costPerCompletedTask").isNumber()
                                ? String.format("%.5f", p.path("costPerCompletedTask").asDouble()) : "-",
                        p.path("compositePerDollar").isNumber()
                                ? String.format("%.1f", p.path("compositePerDollar").asDouble()) : "-",
                        p.path("pareto").asBoolean() ? "yes" : "dominated by " + p.path("dominatedBy").asText()});
            }
            System.out.print(ReportTable.table(rows));
            return 0;
        }
    }

    @Command(name = "suites", description = "Suites: list them, import a dataset as a suite, plan the review"
            + " rotation.", subcommands = {Suites.ListSuites.class, Suites.Import.class, Suites.Rotation.class})
    static class Suites implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }

        @Command(name = "import", description = "Import a public benchmark as a suite version under suites/: each"
                + " reference is run against its tests in the sandbox and its time limit set from its runtime."
                + " Nothing is written unless every step succeeds.")
        static class Import implements Callable<Integer> {
            @Parameters(index = "0", paramLabel = "KIND", description = "humaneval, mbpp or evalplus")
            String kind;

            @Parameters(index = "1", paramLabel = "FILE", description = "the dataset file, or the folder holding it"
                    + " (evalplus: the release file and its OriginFmt file)")
            Path from;

            @Option(names = "--as", required = true, paramLabel = "NAME", description = "suite name (its folder)")
            String name;

            @Option(names = "--version", defaultValue = "1.0.0", description = "suite version (default: ${DEFAULT-VALUE})")
            String version;

            @Option(names = "--limit", defaultValue = "0", description = "import only the first N problems")
            int limit;

            @Option(names = "--suites-dir", description = "where suites live (default: suites/ of the project)")
            Path suitesDir;

            @Option(names = "--measure", negatable = true, defaultValue = "true", fallbackValue = "true",
                    description = "measure each reference in the sandbox and derive its time limit (default: on;"
                            + " when the sandbox is not reachable the format's default limit is used)")
            boolean measure;

            @Option(names = "--sandbox-url", defaultValue = "${env:EVALWATCH_SANDBOX_URL:-http://127.0.0.1:8083}",
                    description = "sandbox-service base URL (default: ${DEFAULT-VALUE})")
            String sandboxUrl;

            @Option(names = "--memory-mb", description = "memory limit of each reference's measuring run (default:"
                    + " the sandbox's; MBPP+ Mbpp/255 needs about 2.2 GB)")
            Integer memoryMb;

            @Option(names = "--parallel", defaultValue = "0",
                    description = "references measured at a time (default: the number of processors)")
            int parallel;

            @Override
            public Integer call() {
                try {
                    BenchmarkFormat format = BenchmarkFormat.named(kind);
                    ReferenceTimer timer = null;
                    if (measure) {
                        SandboxReferenceRunner runner = new SandboxReferenceRunner(sandboxUrl,
                                SandboxReferenceRunner.environmentOf(format), memoryMb);
                        if (runner.reachable()) {
                            timer = new ReferenceTimer(runner, TimeLimit.EVALPLUS, parallel > 0 ? parallel
                                    : Runtime.getRuntime().availableProcessors(), System.out);
                        } else {
                            System.out.printf("sandbox-service is not reachable at %s: references are not run and"
                                    + " every task gets the %s default limit of %.0f s (start the stack with"
                                    + " ./evalwatch up to measure, or pass --no-measure)%n", runner.url(), kind,
                                    format.defaultTimeoutSeconds());
                        }
                    }
                    SuiteImport.Result result = new SuiteImport(format, timer, System.out).run(from,
                            suitesDir != null ? suitesDir : root().resolve("suites"), name, version, limit);
                    System.out.printf("imported %d tasks into %s (version %s, time limits %s)%n",
                            result.tasks().size(), result.folder(), version, result.measured()
                                    ? "from each reference's measured runtime" : "the format's default");
                    return 0;
                } catch (ImportException e) {
                    System.err.println("import failed: " + e.getMessage());
                    return 1;
                }
            }
        }

        @Command(name = "list", description = "List suites with their versions and problems.")
        static class ListSuites implements Callable<Integer> {
            @CommandLine.Mixin
            Endpoints endpoints;

            @Override
            public Integer call() {
                int invalid = 0;
                for (JsonNode s : endpoints.api().suites()) {
                    System.out.printf("%-20s %-24s %3d tasks  %s%n", s.path("name").asText(),
                            s.path("version").asText("-"), s.path("tasks").asInt(), s.path("description").asText(""));
                    for (JsonNode p : s.path("problems")) {
                        System.out.println("    problem: " + p.asText());
                        invalid++;
                    }
                }
                return invalid == 0 ? 0 : 1;
            }
        }

        @Command(name = "rotation", description = "Tasks of a suite not reviewed for a while, and the share proposed"
                + " for review this quarter (oldest review first, spread over categories). Review dates are the"
                + " optional 'reviewed: YYYY-MM-DD' of each task file.")
        static class Rotation implements Callable<Integer> {
            @CommandLine.Mixin
            Endpoints endpoints;

            @Parameters(index = "0", description = "suite name")
            String name;

            @Option(names = "--days", defaultValue = "90",
                    description = "a task is due when not reviewed for this many days (default: ${DEFAULT-VALUE})")
            int days;

            @Option(names = "--share", defaultValue = "0.2",
                    description = "share of the suite to propose, 0 to 1 (default: ${DEFAULT-VALUE})")
            double share;

            @Override
            public Integer call() {
                JsonNode plan = endpoints.api().rotation(name, days, share);
                System.out.printf("%s %s: %d tasks, %d not reviewed for %d days (as of %s)%n", plan.path("suite")
                        .asText(), plan.path("version").asText(), plan.path("tasks").asInt(), plan.path("due").size(),
                        plan.path("days").asInt(), plan.path("asOf").asText());
                System.out.print(ReportTable.table(rows(plan.path("due"))));
                System.out.printf("%nProposed for this quarter's rotation (%d, about %.0f %% of the suite):%n",
                        plan.path("proposed").size(), plan.path("share").asDouble() * 100);
                System.out.print(ReportTable.table(rows(plan.path("proposed"))));
                return 0;
            }

            private static List<String[]> rows(JsonNode entries) {
                List<String[]> rows = new java.util.ArrayList<>();
                rows.add(new String[] {"task", "category", "reviewed", "days since"});
                for (JsonNode e : entries) {
                    rows.add(new String[] {e.path("id").asText(), e.path("category").asText(),
                            e.path("reviewed").isNull() ? "never" : e.path("reviewed").asText(),
                            e.path("daysSinceReview").isNull() ? "-" : e.path("daysSinceReview").asText()});
                }
                return rows;
            }
        }
    }
}
