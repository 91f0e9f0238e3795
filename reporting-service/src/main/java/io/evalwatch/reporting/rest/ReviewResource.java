package io.evalwatch.reporting.rest;

import io.evalwatch.reporting.review.InvalidReviewException;
import io.evalwatch.reporting.review.ReviewApi.SampleRequest;
import io.evalwatch.reporting.review.ReviewApi.SampleView;
import io.evalwatch.reporting.review.ReviewApi.VerdictsRecorded;
import io.evalwatch.reporting.review.ReviewApi.VerdictsRequest;
import io.evalwatch.reporting.review.ReviewService;
import io.evalwatch.reporting.review.ReviewSummary;
import io.evalwatch.security.Problems;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Human review of a run's answers: draw a blind sample (entries name the task and the answer, never the model or the
 * score), take each reviewer's verdicts on it, and sum them up per model with the reviewers' agreement. Reads need a
 * viewer key, drawing a sample and posting verdicts an operator key (service-security's defaults).
 */
// one root path with ReportResource: RESTEasy Reactive does not fall back from /api/runs/{runId}/review to /api
@Path("/api")
@Tag(name = "Review", description = "Human review of a run's answers: blind samples, verdicts, agreement")
public class ReviewResource {

    private final ReviewService reviews;

    public ReviewResource(ReviewService reviews) {
        this.reviews = reviews;
    }

    @POST
    @Path("/runs/{runId}/review/samples")
    @Operation(summary = "Draw a stratified sample of the run's scored items for review: the highest scored, the"
            + " lowest scored and a random middle, in equal thirds per model, as many as minutes (default 30) at"
            + " secondsPerItem (default 60) allow; give seed to draw the same sample again")
    @APIResponse(responseCode = "200", description = "The sample, its entries in the order to review them")
    @APIResponse(responseCode = "400", description = "minutes or secondsPerItem not greater than 0, or no time for"
            + " one item")
    @APIResponse(responseCode = "404", description = "Reporting has no scored item of the run")
    public SampleView createSample(@RestPath String runId, SampleRequest request) {
        return reviews.createSample(runId, request).orElseThrow(() -> new NotFoundException(
                "reporting has no scored item of run " + runId + " to review"));
    }

    @GET
    @Path("/runs/{runId}/review/samples")
    @Operation(summary = "The run's review samples, oldest first, without their entries")
    public List<SampleView> samples(@RestPath String runId) {
        return reviews.samples(runId);
    }

    @GET
    @Path("/runs/{runId}/review/samples/{sampleId}")
    @Operation(summary = "A review sample with its entries (entry id, task, answer; no model, no score)")
    @APIResponse(responseCode = "200", description = "The sample")
    @APIResponse(responseCode = "404", description = "The run has no such sample")
    public SampleView sample(@RestPath String runId, @RestPath String sampleId) {
        return reviews.sample(runId, sampleId).orElseThrow(() -> noSample(runId, sampleId));
    }

    @POST
    @Path("/runs/{runId}/review/samples/{sampleId}/verdicts")
    @Operation(summary = "One reviewer's verdicts on a sample (accept, introducesBug, comment per entry); replaces"
            + " that reviewer's earlier verdicts on it, and stores nothing when one verdict is invalid")
    @APIResponse(responseCode = "200", description = "What was stored and replaced")
    @APIResponse(responseCode = "400", description = "A verdict names an unknown entry or lacks accept or"
            + " introducesBug, or the reviewer is missing; the problem's field says which")
    @APIResponse(responseCode = "404", description = "The run has no such sample")
    public VerdictsRecorded verdicts(@RestPath String runId, @RestPath String sampleId, VerdictsRequest request) {
        return reviews.recordVerdicts(runId, sampleId, request).orElseThrow(() -> noSample(runId, sampleId));
    }

    @GET
    @Path("/runs/{runId}/review/summary")
    @Operation(summary = "Per model and over all: items reviewed, human accept and introduces-a-bug rates, Cohen's"
            + " kappa between each pair of reviewers, agreement between human accept and automated pass")
    public ReviewSummary summary(@RestPath String runId) {
        return reviews.summary(runId);
    }

    @ServerExceptionMapper
    public Response invalid(InvalidReviewException e, HttpServerRequest request) {
        return Problems.response(400, e.getMessage(), e.field(), request.path());
    }

    private static NotFoundException noSample(String runId, String sampleId) {
        return new NotFoundException("run " + runId + " has no review sample " + sampleId);
    }
}
