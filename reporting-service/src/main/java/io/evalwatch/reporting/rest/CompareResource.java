package io.evalwatch.reporting.rest;

import io.evalwatch.reporting.drift.RunComparison;
import io.evalwatch.reporting.ledger.RunRecord;
import io.evalwatch.reporting.report.ComparisonService;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Any two runs compared, changing nothing: what the CLI's compare and the console's compare page show. */
@Path("/api/compare")
@Tag(name = "Regressions", description = "Regression reports (JSON, Markdown, HTML) and the cost-quality frontier")
public class CompareResource {

    private final ComparisonService comparisons;

    public CompareResource(ComparisonService comparisons) {
        this.comparisons = comparisons;
    }

    @GET
    @Operation(summary = "Run b against run a, item by item: per model and kind the pass-rate difference with its"
            + " interval and McNemar's exact test, and the items that flipped")
    @APIResponse(responseCode = "200", description = "The comparison")
    @APIResponse(responseCode = "400", description = "a or b is missing")
    @APIResponse(responseCode = "404", description = "Reporting has not seen one of the runs")
    public RunComparison.Result compare(@QueryParam("a") String a, @QueryParam("b") String b) {
        if (a == null || a.isBlank() || b == null || b.isBlank()) {
            throw new BadRequestException("query parameters 'a' and 'b' (two run ids) are required, e.g."
                    + " /api/compare?a=<run>&b=<run>; GET /api/runs lists runs");
        }
        return comparisons.compare(a, b).orElseThrow(() -> new NotFoundException("reporting has not seen run "
                + (RunRecord.findById(a) == null ? a : b) + ": check the id (GET /api/runs lists runs)"));
    }
}
