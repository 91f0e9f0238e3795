package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.cli.output.Documents;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A model's results run after run, or a comparison stream's runs and reference changes. */
@Command(name = "history", description = "A model's results run after run (completed runs, oldest first: pass@1,"
        + " weighted accuracy, TTFT, cost and the model's fingerprints, a change of which is a new version behind the"
        + " same name), or with --stream a comparison stream's runs, their validity and its reference changes.",
        footerHeading = "%nExamples:%n", footer = {
            "  ./evalwatch history sim-alpha",
            "  ./evalwatch history sim-alpha --suite starter --limit 10 --format markdown",
            "  ./evalwatch history --stream 5c0e9a7f-... --format html > stream.html",
            "  ./evalwatch history sim-alpha --format json | jq -r '.[] | [.runId, .passAt1] | @tsv'",
            "",
            "Stream ids: ./evalwatch baseline list."})
public class HistoryCommand implements Callable<Integer> {

    @CommandLine.Mixin
    EvalwatchCommand.Endpoints endpoints;

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "the model (from config/models.yaml)")
    String model;

    @Option(names = "--suite", description = "only runs of this suite (with MODEL)")
    String suite;

    @Option(names = "--limit", defaultValue = "50", description = "the latest N completed runs, 1 to 500 (with MODEL;"
            + " default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--stream", paramLabel = "ID", description = "a comparison stream's history instead of a model's")
    String stream;

    @CommandLine.Mixin
    Format.Choice format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if ((model == null) == (stream == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give a MODEL or --stream ID (one of them)");
        }
        if (stream != null) {
            JsonNode detail = endpoints.api().stream(stream);
            format.get().print(detail, Documents.stream(detail));
        } else {
            JsonNode points = endpoints.api().history(model, suite, limit);
            format.get().print(points, Documents.history(points, model, suite));
        }
        return ExitCodes.OK;
    }
}
