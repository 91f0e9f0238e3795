package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The models in the catalogue, as generator-service reaches them. */
@Command(name = "models", description = "The configured models and their endpoints.",
        footerHeading = "%nExamples:%n", footer = {"  ./evalwatch models check", "  ./evalwatch models check sim-alpha"},
        subcommands = {ModelsCommand.Check.class})
public class ModelsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "check", description = "Probe configured endpoints from generator-service (which holds the keys):"
            + " reachable, key accepted, model listed, a tiny streamed call with usage, the model id echoed, errors"
            + " reported as errors. Prints what works and what to fix in the model catalogue; exits 1 if a check failed.",
            footerHeading = "%nExamples:%n", footer = {"  ./evalwatch models check", "  ./evalwatch models check sim-alpha"})
    static class Check implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "MODEL", description = "a model name from the catalogue (default: all)")
        String model;

        @Option(names = "--generator-url", defaultValue = "${env:EVALWATCH_GENERATOR_URL:-http://127.0.0.1:8082}",
                description = "generator-service base URL (default: ${DEFAULT-VALUE})")
        String generatorUrl;

        @Override
        public Integer call() {
            JsonNode result = new EvalwatchApi("", "").checkModels(generatorUrl, model);
            List<JsonNode> checks = result.isArray()
                    ? java.util.stream.StreamSupport.stream(result.spliterator(), false).toList()
                    : List.of(result);
            System.out.print(ModelChecklist.render(checks));
            return checks.stream().allMatch(c -> c.path("ok").asBoolean(false)) ? 0 : 1;
        }
    }
}
