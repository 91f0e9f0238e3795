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
import io.evalwatch.cli.output.Documents;
import io.evalwatch.localstack.LocalStack;
import io.evalwatch.localstack.ServiceSpec;
import java.io.PrintStream;
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
@Command(name = "evalwatch", version = "evalwatch 0.1.0",
        description = "Continuous evaluation of LLMs on your own code tasks.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./evalwatch demo                  # local stack, starter suite, report",
            "  ./evalwatch run --suite starter -m sim-alpha,sim-beta --samples 3",
            "  ./evalwatch report --format json | jq '.models[] | {model, passAt1}'",
            "  ./evalwatch gate --suite starter -m sim-alpha --series main   # CI gate",
            "  ./evalwatch help run              # every option of one command",
            "",
            "  ./evalwatch compare 3f2a9c1e-... 7b1d4e2a-... --format markdown",
            "",
            "--format json (report, run, demo, alerts, frontier, suites list, history,",
            "compare, regression, env list, baseline list, review summary) prints only the",
            "JSON on stdout, progress on stderr; report, run, regression, alerts, frontier,",
            "suites list, history and compare also print markdown or html."},
        subcommands = {
                CommandLine.HelpCommand.class,
                EvalwatchCommand.Demo.class,
                EvalwatchCommand.Up.class,
                EvalwatchCommand.Down.class,
                EvalwatchCommand.Status.class,
                EvalwatchCommand.Run.class,
                EvalwatchCommand.Report.class,
                EvalwatchCommand.Gate.class,
                RegressionCommand.class,
                EvalwatchCommand.Alerts.class,
                EvalwatchCommand.FrontierCommand.class,
                CompareCommand.class,
                HistoryCommand.class,
                EvalwatchCommand.Suites.class,
                BaselineCommand.class,
                ModelsCommand.class,
                EnvCommand.class,
                KeysCommand.class,
                ReviewCommand.class})
public class EvalwatchCommand implements Runnable {

    static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    public static void main(String[] args) {
        // libraries that log through JBoss Logging (Hibernate Validator, under suites validate) log through the
        // command line's SLF4J binding, which prints nothing: the output is the command's own
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line as main runs it: --help on every subcommand, exceptions turned into the exit codes of
     * {@link ExitCodes}, which --help lists.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EvalwatchCommand()).setExecutionExceptionHandler(ExitCodes.HANDLER);
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCodes.TABLE);
        addHelpOption(cli);
        return cli;
    }

    // Added here rather than inherited (ScopeType.INHERIT): picocli's own help command declares -h/--help itself.
    private static void addHelpOption(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (spec.findOption("--help") == null) {
                spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
            addHelpOption(sub);
        }
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

        @Option(names = "--variant", split = ",", description = "prompt variants and probes besides base: few-shot,"
                + " chain-of-thought, structured, twin (each task's contamination twin), repeat (the consistency"
                + " probe), long-context (the position probe); repeat the option or separate with commas."
                + " Each is compared with base on the same tasks in the report (default: base only)")
        List<String> variants;

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
            if (variants != null) {
                body.putPOJO("variants", variants);
            }
            return body;
        }
    }

    /** Starts a run and follows it to its report; progress lines go to {@code progress}. */
    static JsonNode runAndWait(EvalwatchApi api, ObjectNode request, Duration timeout, PrintStream progress) {
        JsonNode run = api.startRun(request);
        String runId = run.path("runId").asText();
        int expected = run.path("expectedItems").asInt();
        progress.printf("Run %s: suite %s (%s), models %s, %d items%n", runId, run.path("suite").asText(),
                run.path("suiteVersion").asText(), run.path("models"), expected);
        return new RunWatcher(api, progress).await(runId, expected, timeout);
    }

    @Command(name = "demo", description = "Start the local stack, run the starter suite against two simulated models,"
            + " print the report, and leave the stack running. Checks the machine's prerequisites first"
            + " (scripts/prerequisites.sh); --install-prerequisites installs what is missing (Debian, as root).",
            footerHeading = "%nExamples:%n", footer = {
                "  ./evalwatch demo",
                "  ./evalwatch demo --samples 1 --format json > demo-report.json",
                "  ./evalwatch demo --install-prerequisites   # Debian, as root: apt-get"})
    static class Demo implements Callable<Integer> {
        @Option(names = "--samples", defaultValue = "3", description = "samples per task (default: 3)")
        int samples;

        @CommandLine.Mixin
        Prerequisites prerequisites;

        @CommandLine.Mixin
        Format.Choice format;

        @Override
        public Integer call() {
            PrintStream progress = format.get().progress();
            LocalStack stack = localStack();
            progress.println("Starting the local stack (state and logs in " + stack.stateDir() + ") ...");
            stack.start(line -> progress.println("  " + line));
            EvalwatchApi api = new EvalwatchApi(stack.url("task-service"), stack.url("reporting-service"));
            ObjectNode request = JSON.createObjectNode();
            request.put("suite", "starter");
            request.putPOJO("models", List.of("sim-alpha", "sim-beta"));
            request.put("samples", samples);
            // a named series, so the demo's runs form streams: the frontier and later demos compare with them
            request.put("series", "demo");
            JsonNode report = runAndWait(api, request, Duration.ofMinutes(15), progress);
            if (format.get() == Format.json) {
                Format.printJson(report);
            } else {
                System.out.println();
                System.out.print(ReportTable.render(report));
                System.out.println();
            }
            printUrls(stack, progress);
            progress.println("The stack keeps running. Stop it with: ./evalwatch down");
            return 0;
        }
    }

    /** Acted on by the ./evalwatch script before the JVM starts (it may have to install the JDK); listed for --help. */
    static class Prerequisites {
        @Option(names = "--install-prerequisites", description = "install what scripts/prerequisites.sh finds missing,"
                + " after saying what (Debian, as root; apt-get). Without it, a missing prerequisite stops the command"
                + " at once with the command that installs it.")
        boolean install;
    }

    static void printUrls(LocalStack stack, PrintStream out) {
        out.println("Services:");
        for (ServiceSpec s : stack.services()) {
            out.printf("  %-18s %s   (health /q/health, metrics /q/metrics)%n", s.name(), stack.url(s.name()));
        }
        out.println("  kafka              " + stack.bootstrapServers());
        out.println("  logs               " + stack.logsDir());
    }

    @Command(name = "up", description = "Start the local stack (Kafka, the services, the model simulator). Checks the"
            + " machine's prerequisites first; --install-prerequisites installs what is missing (Debian, as root).",
            footerHeading = "%nExamples:%n", footer = {"  ./evalwatch up", "  ./evalwatch status", "  ./evalwatch down"})
    static class Up implements Callable<Integer> {
        @CommandLine.Mixin
        Prerequisites prerequisites;

        @Override
        public Integer call() {
            LocalStack stack = localStack();
            stack.start(line -> System.out.println("  " + line));
            printUrls(stack, System.out);
            return 0;
        }
    }

    @Command(name = "down", description = "Stop the local stack.", footerHeading = "%nExamples:%n",
            footer = {"  ./evalwatch down"})
    static class Down implements Callable<Integer> {
        @Override
        public Integer call() {
            localStack().stop(line -> System.out.println("  " + line));
            System.out.println("Local stack stopped.");
            return 0;
        }
    }

    @Command(name = "status", description = "Show which parts of the local stack are running; exits 3 when"
            + " any is stopped.", footerHeading = "%nExamples:%n", footer = {"  ./evalwatch status"})
    static class Status implements Callable<Integer> {
        @Override
        public Integer call() {
            Map<String, Boolean> status = localStack().status();
            status.forEach((name, up) -> System.out.printf("  %-18s %s%n", name, up ? "running" : "stopped"));
            return status.values().stream().allMatch(b -> b) ? ExitCodes.OK : ExitCodes.UNREACHABLE;
        }
    }

    @Command(name = "run", description = "Run a suite against models on a running stack and print the report.",
            footerHeading = "%nExamples:%n", footer = {
                "  ./evalwatch run --suite starter -m sim-alpha,sim-beta --samples 3",
                "  ./evalwatch run --suite starter -m sim-alpha --tasks luhn-checksum \\",
                "      --format json | jq '.models[0].passAt1'",
                "  ./evalwatch run --suite starter -m sim-alpha --series nightly",
                "      # compared with the earlier runs of series nightly",
                "  ./evalwatch run --suite starter -m sim-alpha --variant few-shot,structured",
                "      # each variant compared with base on the same tasks"})
    static class Run implements Callable<Integer> {
        @CommandLine.Mixin
        Endpoints endpoints;

        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1")
        RunOptions options;

        @CommandLine.Mixin
        Format.Choice format;

        @Override
        public Integer call() throws java.io.IOException {
            JsonNode report = runAndWait(endpoints.api(), options.request(), Duration.ofSeconds(options.timeoutSeconds),
                    format.get().progress());
            if (format.get().document()) {
                ReportDocument.deliver(endpoints.api(), report.path("runId").asText(), "report", format.get(), null,
                        null);
            } else {
                print(report, format.get());
            }
            return 0;
        }
    }

    static void print(JsonNode report, Format format) {
        if (format == Format.json) {
            Format.printJson(report);
        } else {
            System.out.println(ReportTable.render(report));
        }
    }

    @Command(name = "report", description = "Print a run's report (the latest run when no id is given): a table,"
            + " JSON, or a document in Markdown or HTML with charts and the frontier as of the run.",
            footerHeading = "%nExamples:%n", footer = {
                "  ./evalwatch report",
                "  ./evalwatch report 3f2a9c1e-... --format json | jq '.models[].passAt1'",
                "  ./evalwatch report --format markdown > report.md      # charts as tables",
                "  ./evalwatch report --format markdown --out report.md  # and report-*.svg beside it",
                "  ./evalwatch report --format html --out report.html"})
    static class Report implements Callable<Integer> {
        @CommandLine.Mixin
        Endpoints endpoints;

        @Parameters(arity = "0..1", description = "run id")
        String runId;

        @CommandLine.Mixin
        Format.Choice format;

        @Option(names = "--out", paramLabel = "FILE", description = "with --format markdown or html: write the report"
                + " to FILE instead of stdout; Markdown's charts are written beside it as SVG files (FILE's name-chart.svg)")
        Path out;

        @Override
        public Integer call() throws java.io.IOException {
            EvalwatchApi api = endpoints.api();
            String id = runId != null ? runId : latestRunId(api);
            if (format.get().document()) {
                ReportDocument.deliver(api, id, "report", format.get(), null, out);
            } else if (out != null) {
                throw new ExitCodes.Failure(ExitCodes.USAGE, "--out writes a document: add --format markdown or html");
            } else {
                print(api.report(id), format.get());
            }
            return 0;
        }
    }

    /** The newest run reporting has seen; exit 5 when there is none. */
    static String latestRunId(EvalwatchApi api) {
        JsonNode runs = api.runs();
        if (runs.isEmpty()) {
            throw new ExitCodes.Failure(ExitCodes.INCOMPLETE, "no runs yet; start one with ./evalwatch run");
        }
        return runs.get(0).path("runId").asText();
    }

    @Command(name = "gate", description = "Run a suite for a model and compare it with a baseline: exit 0 when there"
            + " is no significant regression, 1 on a regression, 3 or 4 when the stack could not be reached or"
            + " refused, 5 when there was nothing to judge (no baseline, the run not valid or not complete)."
            + " Writes JUnit XML.",
            footerHeading = "%nExamples:%n", footer = {
                "  ./evalwatch gate --suite starter -m sim-alpha --series main",
                "  ./evalwatch gate --suite starter -m sim-alpha --baseline 3f2a9c1e-... \\",
                "      --junit build/gate.xml"})
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
        public Integer call() throws java.io.IOException {
            EvalwatchApi api = endpoints.api();
            ObjectNode request = JSON.createObjectNode();
            request.put("suite", suite);
            request.putPOJO("models", List.of(model));
            request.put("samples", samples);
            request.put("gate", true);
            if (series != null) {
                request.put("series", series);
            }
            JsonNode report = runAndWait(api, request, Duration.ofSeconds(timeoutSeconds), System.out);
            String runId = report.path("runId").asText();
            JsonNode regression = awaitAnalysis(api, runId, "last".equals(baseline) ? null : baseline);
            JsonNode verdict = regression.path("models").get(0);
            if (verdict == null || "no_baseline".equals(verdict.path("verdict").asText())) {
                System.err.println("last".equals(baseline)
                        ? "gate: " + model + " has no baseline on " + suite + " with " + samples
                                + " samples to compare with: no stream measured this task set and configuration"
                                + " yet (a monitor's first run, or a run with --series, becomes one's reference)"
                        : "gate: baseline run " + baseline + " is unknown to reporting or has no items of " + model);
                return ExitCodes.INCOMPLETE;
            }
            if ("invalid".equals(verdict.path("verdict").asText())) {
                System.err.println("gate: run " + runId + " is not fit to judge " + model + ": "
                        + verdict.path("stream").path("health").path("problems"));
                return ExitCodes.INCOMPLETE;
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

    @Command(name = "alerts", description = "List alerts (open ones by default).",
            footerHeading = "%nExamples:%n", footer = {
                "  ./evalwatch alerts",
                "  ./evalwatch alerts --status all --format json | jq -r '.[].summary'",
                "  ./evalwatch alerts --status all --format markdown > alerts.md"})
    static class Alerts implements Callable<Integer> {
        @CommandLine.Mixin
        Endpoints endpoints;

        @Option(names = "--status", defaultValue = "open",
                description = "open, acknowledged, resolved or all (default: ${DEFAULT-VALUE})")
        String status;

        @CommandLine.Mixin
        Format.Choice format;

        @Override
        public Integer call() {
            JsonNode alerts = endpoints.api().alerts("all".equals(status) ? null : status);
            format.get().print(alerts, Documents.alerts(alerts, status));
            return 0;
        }
    }

    @Command(name = "frontier", description = "The cost-quality frontier of a suite: each model's composite score"
            + " against its cost per completed task, and which models no other beats on both.",
            footerHeading = "%nExamples:%n", footer = {
                "  ./evalwatch frontier --suite starter",
                "  ./evalwatch frontier --suite starter --format json \\",
                "      | jq -r '.[] | select(.pareto) | .model'",
                "  ./evalwatch frontier --suite starter --format html > frontier.html"})
    static class FrontierCommand implements Callable<Integer> {
        @CommandLine.Mixin
        Endpoints endpoints;

        @Option(names = "--suite", required = true, description = "suite name")
        String suite;

        @CommandLine.Mixin
        Format.Choice format;

        @Override
        public Integer call() {
            JsonNode frontier = endpoints.api().frontier(suite);
            format.get().print(frontier, Documents.frontier(frontier, suite));
            return 0;
        }
    }

    @Command(name = "suites", description = "Suites: list them, validate suite folders, import a dataset as a"
            + " suite, check them against training data, plan the review rotation.", footerHeading = "%nExamples:%n",
            footer = {
                "  ./evalwatch suites list",
                "  ./evalwatch suites validate suites/golden",
                "  ./evalwatch suites import humaneval HumanEval.jsonl.gz --as humaneval",
                "  ./evalwatch suites overlap --train train.jsonl suites/golden",
                "  ./evalwatch suites rotation starter --days 90"},
            subcommands = {Suites.ListSuites.class, Suites.Validate.class, Suites.Import.class,
                Suites.Overlap.class, Suites.Rotation.class})
    static class Suites implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(System.out);
        }

        @Command(name = "validate", description = "Check suite folders: every suite.yaml and task file bound and"
                + " checked, every problem printed as file:line:col: message. With a sandbox (the local stack's"
                + " when it answers), every executable task's reference is also run against its own tests."
                + " Exits 1 when anything is wrong.", footerHeading = "%nExamples:%n", footer = {
                    "  ./evalwatch suites validate suites/golden",
                    "  ./evalwatch suites validate suites --offline",
                    "  ./evalwatch suites validate my-suite --sandbox http://127.0.0.1:8083"})
        static class Validate implements Callable<Integer> {
            static final String LOCAL_SANDBOX = "http://127.0.0.1:8083";

            @Parameters(index = "0", paramLabel = "PATH", description = "a suite folder, or a folder of suites")
            Path path;

            @Option(names = "--sandbox", paramLabel = "URL", description = "sandbox-service to run references in"
                    + " (default: " + LOCAL_SANDBOX + " when it answers, else offline)")
            String sandbox;

            @Option(names = "--offline", description = "only bind and check the files; run no reference")
            boolean offline;

            @Override
            public Integer call() {
                SuiteValidation.References references = null;
                if (!offline) {
                    SandboxReferenceRunner runner = new SandboxReferenceRunner(sandbox != null ? sandbox
                            : LOCAL_SANDBOX);
                    if (runner.reachable()) {
                        references = (spec, environment) -> runner.run(spec.id(), spec.language(),
                                spec.executableCode(spec.reference()), spec.entryPoint(), spec.tests(),
                                spec.timeoutSeconds(), environment == null ? null
                                        : JSON.valueToTree(environment), spec.memoryMb());
                    } else if (sandbox != null) {
                        throw new ExitCodes.Failure(ExitCodes.UNREACHABLE, "sandbox-service is not reachable at "
                                + runner.url() + "; start the stack (./evalwatch up) or pass --offline");
                    } else {
                        System.out.println("no sandbox answers at " + runner.url() + ": checking the files only"
                                + " (start the stack with ./evalwatch up to run the references too)");
                    }
                }
                return new SuiteValidation(System.out).run(path, references).clean() ? ExitCodes.OK
                        : ExitCodes.FAILED;
            }
        }

        @Command(name = "overlap", description = "Which suite tasks leaked into training data: every task whose"
                + " prompt, reference or tests is as similar as difflib's SequenceMatcher ratio >= --threshold to a"
                + " training sample, with the best-matching line numbers. Works offline. Exits 1 when a task"
                + " overlaps, so CI can stop on it; unreadable lines are skipped and shown as file:line (--strict:"
                + " exit 1 on any).", footerHeading = "%nExamples:%n", footer = {
                    "  ./evalwatch suites overlap --train train.jsonl suites/golden",
                    "  ./evalwatch suites overlap --train chat.jsonl.gz suites --threshold 0.9 \\",
                    "      --format json",
                    "",
                    "Training lines: {\"prompt\",\"completion\"}, {\"text\"}, {\"code\"},",
                    "{\"instruction\",\"input\",\"output\"}, {\"messages\":[{\"role\",\"content\"},...]};",
                    "any other object: its string values."})
        static class Overlap implements Callable<Integer> {
            @Parameters(index = "0", paramLabel = "SUITE", description = "a suite folder, or a folder of suites")
            Path suite;

            @Option(names = "--train", required = true, paramLabel = "FILE",
                    description = "training data as JSON Lines (.jsonl, or .jsonl.gz)")
            Path train;

            @Option(names = "--threshold", defaultValue = "0.8", paramLabel = "RATIO",
                    description = "the difflib ratio from which a pair"
                    + " overlaps, in (0, 1] (default: ${DEFAULT-VALUE})")
            double threshold;

            @Option(names = "--strict", description = "exit 1 when any training line is unreadable (default: skip"
                    + " and count them)")
            boolean strict;

            @Option(names = "--documents", hidden = true, paramLabel = "FILE",
                    description = "write every compared normalised text as JSON Lines (the benchmark's brute force)")
            Path documents;

            @CommandLine.Mixin
            Format.Choice format;

            @Override
            public Integer call() throws Exception {
                Format f = format.tableOrJson();
                return new SuiteOverlap(System.out, f.progress(), System.err).run(suite, train, threshold, f, strict,
                        documents);
            }
        }

        @Command(name = "import", description = "Import a public benchmark as a suite version under suites/: each"
                + " reference is run against its tests in the sandbox and its time limit set from its runtime."
                + " Nothing is written unless every step succeeds.", footerHeading = "%nExamples:%n", footer = {
                    "  ./evalwatch suites import humaneval HumanEval.jsonl.gz --as humaneval",
                    "  ./evalwatch suites import mbpp mbpp/ --as mbpp-20 --limit 20 --no-measure"})
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

            @Option(names = "--memory-mb", description = "memory limit of each reference's measuring run, also written"
                    + " into every task (memory_mb) so the suite is evaluated under it (default: the sandbox's;"
                    + " MBPP+ Mbpp/255 needs about 2.2 GB)")
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
                    SuiteImport.Result result = new SuiteImport(format, timer, System.out, memoryMb).run(from,
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

        @Command(name = "list", description = "List suites with their versions and problems; exits 1 when a suite"
                + " has problems.", footerHeading = "%nExamples:%n", footer = {
                    "  ./evalwatch suites list",
                    "  ./evalwatch suites list --format json | jq -r '.[].name'",
                    "  ./evalwatch suites list --format markdown"})
        static class ListSuites implements Callable<Integer> {
            @CommandLine.Mixin
            Endpoints endpoints;

            @CommandLine.Mixin
            Format.Choice format;

            @Override
            public Integer call() {
                JsonNode suites = endpoints.api().suites();
                int problems = 0;
                for (JsonNode s : suites) {
                    problems += s.path("problems").size();
                }
                format.get().print(suites, Documents.suites(suites));
                return problems == 0 ? ExitCodes.OK : ExitCodes.FAILED;
            }
        }

        @Command(name = "rotation", description = "Tasks of a suite not reviewed for a while, and the share proposed"
                + " for review this quarter (oldest review first, spread over categories). Review dates are the"
                + " optional 'reviewed: YYYY-MM-DD' of each task file.", footerHeading = "%nExamples:%n", footer = {
                    "  ./evalwatch suites rotation starter",
                    "  ./evalwatch suites rotation golden --days 180 --share 0.25"})
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
