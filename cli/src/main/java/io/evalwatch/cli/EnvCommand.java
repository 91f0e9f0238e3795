package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Suite environments: the libraries a suite's code may import, built once by sandbox-service and pinned by lock. */
@Command(name = "env", description = "Suite environments: build a suite's, list the built ones, show one's lock.",
        footerHeading = "%nExamples:%n", footer = {
            "  ./evalwatch env build evalplus-humaneval",
            "  ./evalwatch env list --format json | jq -r '.[].lockHash'",
            "  ./evalwatch env show 9c1f0e2a7b3d4e5f"},
        subcommands = {EnvCommand.Build.class, EnvCommand.ListEnvironments.class, EnvCommand.Show.class})
public class EnvCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Where sandbox-service is. */
    static class SandboxEndpoint {
        @Option(names = "--sandbox-url", defaultValue = "${env:EVALWATCH_SANDBOX_URL:-http://127.0.0.1:8083}",
                description = "sandbox-service base URL (default: ${DEFAULT-VALUE})")
        String url;
    }

    @Command(name = "build", description = "Build the environments a suite declares (suite.yaml environment:, and any"
            + " task's own) in sandbox-service, with progress; prints each one's lock hash. A run builds them on"
            + " demand too; building first keeps the first run from waiting. Exits 1 if a build failed.",
            footerHeading = "%nExamples:%n", footer = {
                "  ./evalwatch env build evalplus-humaneval",
                "  ./evalwatch env build evalplus-humaneval --refresh   # resolve again"})
    static class Build implements Callable<Integer> {
        @CommandLine.Mixin
        EvalwatchCommand.Endpoints endpoints;

        @CommandLine.Mixin
        SandboxEndpoint sandbox;

        @Parameters(paramLabel = "SUITE", description = "suite name (a folder under suites/)")
        String suite;

        @Option(names = "--refresh", description = "resolve the packages again instead of reusing the cached lock"
                + " (a changed lock is a new segment of every stream that uses the suite)")
        boolean refresh;

        @Option(names = "--timeout", defaultValue = "1800", description = "seconds to wait (default: ${DEFAULT-VALUE})")
        int timeoutSeconds;

        @Override
        public Integer call() {
            EvalwatchApi api = endpoints.api();
            JsonNode uses = api.suiteEnvironments(suite);
            if (uses.isEmpty()) {
                System.out.println("Suite " + suite + " declares no environment: its tasks run in the plain sandbox.");
                return 0;
            }
            int failed = 0;
            for (JsonNode use : uses) {
                System.out.printf("Environment %s (%s) for %d task(s)%n", use.path("specHash").asText(),
                        summary(use.path("spec")), use.path("tasks").size());
                failed += build(api, use.path("spec")) ? 0 : 1;
            }
            return failed == 0 ? 0 : 1;
        }

        private boolean build(EvalwatchApi api, JsonNode spec) {
            Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
            int shown = 0;
            boolean refreshNow = refresh;
            while (true) {
                EvalwatchApi.EnvironmentAnswer answer = api.buildEnvironment(sandbox.url, spec, 5, refreshNow);
                refreshNow = false; // one refresh starts one build; later calls wait for it
                JsonNode progress = answer.body().path("progress");
                for (; progress.isArray() && shown < progress.size(); shown++) {
                    System.out.println("  " + progress.get(shown).asText());
                }
                if (answer.ready()) {
                    JsonNode body = answer.body();
                    System.out.printf("  ready: lock %s, %d package(s)%n", body.path("lockHash").asText(),
                            body.path("lock").size());
                    return true;
                }
                if (!answer.building()) {
                    JsonNode body = answer.body();
                    String failedPackage = body.path("failedPackage").asText("");
                    System.out.println("  FAILED" + (failedPackage.isEmpty() ? "" : " at package " + failedPackage)
                            + ": " + body.path("message").asText(body.toString()));
                    return false;
                }
                if (Instant.now().isAfter(deadline)) {
                    System.out.println("  still building after " + Duration.ofSeconds(timeoutSeconds)
                            + "; it goes on in sandbox-service: run this again to wait for it");
                    return false;
                }
                pause();
            }
        }
    }

    /** Between two long polls, should sandbox-service answer a poll at once. */
    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvalwatchApi.ApiException(0, "interrupted");
        }
    }

    @Command(name = "list", description = "The environments sandbox-service has built, with their lock hashes.",
            footerHeading = "%nExamples:%n", footer = {
                "  ./evalwatch env list",
                "  ./evalwatch env list --format json | jq -r '.[].lockHash'"})
    static class ListEnvironments implements Callable<Integer> {
        @CommandLine.Mixin
        SandboxEndpoint sandbox;

        @CommandLine.Mixin
        Format.Choice format;

        @Override
        public Integer call() {
            JsonNode built = new EvalwatchApi("", "").environments(sandbox.url, null);
            if (format.tableOrJson() == Format.json) {
                Format.printJson(built);
                return 0;
            }
            if (built.isEmpty()) {
                System.out.println("No environment built yet (./evalwatch env build SUITE).");
                return 0;
            }
            System.out.printf("%-16s  %-20s  %8s  %s%n", "LOCK", "BUILT", "PACKAGES", "DECLARED");
            for (JsonNode env : built) {
                System.out.printf("%-16s  %-20s  %8d  %s%n", env.path("lockHash").asText(),
                        env.path("builtAt").asText("").replaceAll("\\.\\d+Z$", "Z"), env.path("lock").size(),
                        summary(env.path("spec")));
            }
            return 0;
        }
    }

    @Command(name = "show", description = "One built environment: what was declared and its lock (exact versions"
            + " and hashes).", footerHeading = "%nExamples:%n", footer = {
                "  ./evalwatch env show 9c1f2e...   # a lock hash from env list"})
    static class Show implements Callable<Integer> {
        @CommandLine.Mixin
        SandboxEndpoint sandbox;

        @Parameters(paramLabel = "LOCK", description = "the environment's lock hash (from env list or a run's stream)")
        String lockHash;

        @Override
        public Integer call() {
            JsonNode env = new EvalwatchApi("", "").environments(sandbox.url, lockHash);
            System.out.println("Environment " + env.path("lockHash").asText() + " (spec "
                    + env.path("specHash").asText() + "), built " + env.path("builtAt").asText());
            System.out.println("Declared: " + summary(env.path("spec")));
            System.out.println("Lock:");
            env.path("lock").forEach(line -> System.out.println("  " + line.asText()));
            return 0;
        }
    }

    /** python(debian): numpy; node: left-pad@1.3.0; java: g:a:v */
    static String summary(JsonNode spec) {
        StringBuilder text = new StringBuilder();
        JsonNode python = spec.path("python");
        if (!python.isMissingNode()) {
            text.append("python(").append(python.path("source").asText("debian")).append("): ");
            python.path("packages").forEach(p -> text.append(p.asText()).append(' '));
        }
        JsonNode node = spec.path("node");
        if (!node.isMissingNode()) {
            text.append(text.length() > 0 ? "; " : "").append("node: ");
            node.path("packages").fields().forEachRemaining(e -> text.append(e.getKey()).append('@')
                    .append(e.getValue().asText()).append(' '));
        }
        JsonNode java = spec.path("java");
        if (!java.isMissingNode()) {
            text.append(text.length() > 0 ? "; " : "").append("java: ");
            java.path("artifacts").forEach(a -> text.append(a.asText()).append(' '));
        }
        return text.toString().trim().replace(" ;", ";");
    }
}
