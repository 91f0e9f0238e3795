package io.evalwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.cli.output.Documents;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Any two runs compared item by item (reporting-service's GET /api/compare, the console's compare page). */
@Command(name = "compare", description = "Compare two runs item by item, changing nothing: per model (and prompt"
        + " variant) the pass-rate difference B minus A with its 95 % interval and McNemar's exact test on the items"
        + " that passed in one run only, the same per task kind, and every item that flipped. Items are paired by"
        + " task, model, sample and variant.",
        footerHeading = "%nExamples:%n", footer = {
            "  ./evalwatch compare 3f2a9c1e-... 7b1d4e2a-...",
            "  ./evalwatch compare 3f2a9c1e-... 7b1d4e2a-... --format markdown > compare.md",
            "  ./evalwatch compare 3f2a9c1e-... 7b1d4e2a-... --format json \\",
            "      | jq '.models[] | {model, difference: .all.difference, p: .all.pValue}'",
            "",
            "The run ids: ./evalwatch report (the latest), GET /api/runs, or the console's runs page."})
public class CompareCommand implements Callable<Integer> {

    @CommandLine.Mixin
    EvalwatchCommand.Endpoints endpoints;

    @Parameters(index = "0", paramLabel = "RUN_A", description = "the run compared against (before)")
    String runA;

    @Parameters(index = "1", paramLabel = "RUN_B", description = "the run compared (after)")
    String runB;

    @CommandLine.Mixin
    Format.Choice format;

    @Override
    public Integer call() {
        JsonNode comparison = endpoints.api().compare(runA, runB);
        format.get().print(comparison, Documents.comparison(comparison));
        return ExitCodes.OK;
    }
}
