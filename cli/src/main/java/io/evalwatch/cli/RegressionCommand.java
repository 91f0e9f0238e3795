package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A run's regression report: each model against its stream's reference run, or against a run named. */
@Command(name = "regression", description = "Print a run's regression report (the latest run when no id is given):"
        + " each model against its stream's reference run, or --baseline RUN (an ad-hoc comparison that changes"
        + " nothing); comparisons with intervals, findings, the tasks that got worse with outputs before and after,"
        + " what changed, and the frontier as of the run. A table, JSON, or a Markdown or HTML document.",
        footerHeading = "%nExamples:%n", footer = {
            "  ./evalwatch regression",
            "  ./evalwatch regression 3f2a9c1e-... --format markdown --out regression.md",
            "  ./evalwatch regression 3f2a9c1e-... --baseline 9b1c2d3e-... --format html > regression.html",
            "  ./evalwatch regression --format json | jq '.models[] | {model, verdict}'"})
class RegressionCommand implements Callable<Integer> {
    @CommandLine.Mixin
    EvalwatchCommand.Endpoints endpoints;

    @Parameters(arity = "0..1", description = "run id")
    String runId;

    @Option(names = "--baseline", paramLabel = "RUN", description = "compare with this run instead of the stream's"
            + " reference")
    String baseline;

    @CommandLine.Mixin
    Format.Choice format;

    @Option(names = "--out", paramLabel = "FILE", description = "with --format markdown or html: write the report to"
            + " FILE instead of stdout; Markdown's charts are written beside it as SVG files (FILE's name-chart.svg)")
    Path out;

    @Override
    public Integer call() throws java.io.IOException {
        EvalwatchApi api = endpoints.api();
        String id = runId != null ? runId : EvalwatchCommand.latestRunId(api);
        if (format.get().document()) {
            ReportDocument.deliver(api, id, "regression", format.get(), baseline, out);
            return 0;
        }
        if (out != null) {
            throw new ExitCodes.Failure(ExitCodes.USAGE, "--out writes a document: add --format markdown or html");
        }
        JsonNode regression = api.regression(id, baseline);
        if (format.get() == Format.json) {
            Format.printJson(regression);
            return 0;
        }
        System.out.println("Regression report of run " + id + " (suite " + regression.path("suite").asText() + ")");
        for (JsonNode m : regression.path("models")) {
            String against = m.path("baselineRunId").asText("");
            System.out.println(m.path("model").asText() + ": " + m.path("verdict").asText().replace('_', ' ')
                    + (against.isEmpty() ? "" : " against " + against));
        }
        GateVerdict.cases(regression).forEach(c -> System.out.println((c.regressed() ? "  REGRESSED  " : "  ok"
                + "         ") + c.summary()));
        return 0;
    }
}
