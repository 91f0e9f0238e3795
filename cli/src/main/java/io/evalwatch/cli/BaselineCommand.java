package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Comparison streams and their reference runs: list them, accept a new reference with a note. */
@Command(name = "baseline", description = "Comparison streams and their reference runs (baselines).",
        footerHeading = "%nExamples:%n", footer = {
            "  ./evalwatch baseline list --model sim-alpha",
            "  ./evalwatch baseline accept 3f2a9c1e-... -m sim-alpha --note \"reviewed\""},
        subcommands = {BaselineCommand.ListStreams.class, BaselineCommand.Accept.class})
public class BaselineCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "list", description = "List comparison streams with their reference runs.",
            footerHeading = "%nExamples:%n", footer = {
                "  ./evalwatch baseline list --suite starter",
                "  ./evalwatch baseline list --format json | jq -r '.[].referenceRunId'"})
    static class ListStreams implements Callable<Integer> {
        @CommandLine.Mixin
        EvalwatchCommand.Endpoints endpoints;

        @CommandLine.Mixin
        Format.Choice format;

        @Option(names = "--suite", description = "only streams of this suite")
        String suite;

        @Option(names = {"--model", "-m"}, description = "only streams of this model")
        String model;

        @Override
        public Integer call() {
            JsonNode streams = endpoints.api().streams(suite, model, null);
            if (format.tableOrJson() == Format.json) {
                Format.printJson(streams);
                return 0;
            }
            if (streams.isEmpty()) {
                System.out.println("no streams yet: a monitor's runs, or runs with --series NAME, form one");
            }
            for (JsonNode s : streams) {
                System.out.printf("%s  %-24s %-12s %-12s samples=%d %-6s reference %s (since %s)%n",
                        s.path("streamId").asText(), s.path("origin").asText(), s.path("model").asText(),
                        s.path("suite").asText(), s.path("samples").asInt(), s.path("variant").asText(),
                        s.path("referenceRunId").asText("none yet"), s.path("referenceSince").asText("-"));
            }
            return 0;
        }
    }

    @Command(name = "accept", description = "Accept a valid run as the new reference of its stream (the model's"
            + " new normal). Resolves the stream's open RegressionDetected alert.", footerHeading = "%nExamples:%n",
            footer = {"  ./evalwatch baseline accept 3f2a... --model sim-alpha --note \"vendor update 2025-06 reviewed\""})
    static class Accept implements Callable<Integer> {
        @CommandLine.Mixin
        EvalwatchCommand.Endpoints endpoints;

        @Parameters(index = "0", description = "the run to accept")
        String runId;

        @Option(names = {"--model", "-m"}, required = true, description = "the model whose stream it is")
        String model;

        @Option(names = "--stream", description = "the stream id, when the run belongs to several of the model's")
        String stream;

        @Option(names = "--note", required = true, description = "why this run is the new reference")
        String note;

        @Option(names = "--by", defaultValue = "${env:USER:-unknown}", description = "who accepts it (default: $USER)")
        String by;

        @Override
        public Integer call() {
            EvalwatchApi api = endpoints.api();
            String streamId = stream;
            if (streamId == null) {
                JsonNode streams = api.streams(null, model, runId);
                if (streams.size() != 1) {
                    System.err.println(streams.isEmpty()
                            ? "baseline accept: run " + runId + " belongs to no stream of " + model
                                    + " (an ad-hoc run steers nothing; run it from a monitor or with --series)"
                            : "baseline accept: run " + runId + " belongs to " + streams.size() + " streams of "
                                    + model + "; name one with --stream");
                    return ExitCodes.USAGE;
                }
                streamId = streams.get(0).path("streamId").asText();
            }
            JsonNode change = api.acceptReference(streamId, runId, by, note);
            System.out.printf("stream %s: reference is now run %s (was %s), accepted by %s: %s%n", streamId,
                    change.path("runId").asText(), change.path("previousRunId").asText("none"),
                    change.path("actor").asText(), change.path("note").asText());
            return 0;
        }
    }
}
