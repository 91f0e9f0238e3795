package io.evalwatch.reporting.rest;

import io.evalwatch.reporting.alert.AlertRecord;
import io.evalwatch.reporting.verdict.DriftRecorder;
import io.evalwatch.reporting.stream.ComparisonStream;
import io.evalwatch.reporting.stream.ReferenceChange;
import io.evalwatch.reporting.stream.RunStream;
import io.evalwatch.reporting.stream.StreamRegistry;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Comparison streams: each with its reference run, its history of runs (valid or not) and its reference changes;
 * a person accepts a new reference here (the only way it moves besides a new suite version).
 */
@Path("/api/streams")
@Tag(name = "Streams", description = "Comparison streams, their reference runs and reference changes")
public class StreamResource {

    private final StreamRegistry streams;
    private final DriftRecorder recorder;

    public StreamResource(StreamRegistry streams, DriftRecorder recorder) {
        this.streams = streams;
        this.recorder = recorder;
    }

    @GET
    @Operation(summary = "Every comparison stream, optionally of a suite, a model or a run")
    public List<StreamView> list(@QueryParam("suite") String suite, @QueryParam("model") String model,
            @QueryParam("run") String run) {
        java.util.Set<String> ofRun = run == null ? null : RunStream.ofRun(run).stream()
                .map(r -> r.streamId).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet());
        return streams.all().stream()
                .filter(s -> suite == null || suite.equals(s.suite))
                .filter(s -> model == null || model.equals(s.model))
                .filter(s -> ofRun == null || ofRun.contains(s.streamId))
                .map(StreamResource::view).toList();
    }

    @GET
    @Path("/{streamId}")
    @Operation(summary = "A stream with its runs, reference changes and standing alerts")
    @APIResponse(responseCode = "200", description = "The stream")
    @APIResponse(responseCode = "404", description = "No such stream")
    public StreamDetail get(@RestPath String streamId) {
        ComparisonStream s = streams.find(streamId).orElseThrow(() -> new NotFoundException("no stream " + streamId
                + "; list them with GET /api/streams"));
        List<RunView> runs = RunStream.history(streamId).stream()
                .filter(r -> r.model.equals(s.model) && r.variant.equals(s.variant))
                .map(r -> new RunView(r.runId, r.validity, r.segment, r.health, r.judgedAt,
                        r.runId.equals(s.referenceRunId)))
                .toList();
        return new StreamDetail(view(s), runs, ReferenceChange.ofStream(streamId),
                AlertRecord.activeInStream(streamId));
    }

    /** A person accepts a valid run of the stream as its reference: {"runId": ..., "by": ..., "note": ...}. */
    @POST
    @Path("/{streamId}/reference")
    @Operation(summary = "Accept a valid run of the stream as its reference")
    @APIResponse(responseCode = "200", description = "The reference change, recorded")
    @APIResponse(responseCode = "400", description = "runId is missing, or the run cannot be the stream's reference (not valid, not of the stream)")
    @APIResponse(responseCode = "404", description = "No such stream")
    public ReferenceChange accept(@RestPath String streamId,
            @RequestBody(description = "The run to accept, who accepts it and why", required = true,
                    content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "accept",
                            summary = "Accept a run after a deliberate model upgrade",
                            value = "{\"runId\": \"9b2f6c1e-4d7a-4f0e-8a35-2c1d0e7b5a90\", \"by\": \"alice\","
                                    + " \"note\": \"new model version, reviewed the regression report\"}")))
            AcceptRequest request) {
        if (request == null || request.runId() == null) {
            throw new BadRequestException("body must be {\"runId\": ..., \"by\": ..., \"note\": ...}");
        }
        try {
            return recorder.accept(streamId, request.runId(), request.by(), request.note());
        } catch (IllegalArgumentException e) {
            if (streams.find(streamId).isEmpty()) {
                throw new NotFoundException(e.getMessage());
            }
            throw new BadRequestException(e.getMessage());
        }
    }

    private static StreamView view(ComparisonStream s) {
        return new StreamView(s.streamId, s.origin, s.model, s.suite, s.samples, s.variant, s.generationConfigHash,
                s.referenceRunId, s.referenceSegment, s.referenceSince);
    }

    /** A stream and its reference. */
    public record StreamView(String streamId, String origin, String model, String suite, int samples, String variant,
            String generationConfigHash, String referenceRunId, String referenceSegment, Instant referenceSince) {
    }

    /** One run of a stream: its validity and health, and whether it is the reference. */
    public record RunView(String runId, String validity, String segment, Map<String, Object> health,
            Instant judgedAt, boolean reference) {
    }

    /** A stream with its runs, reference changes and standing alerts. */
    public record StreamDetail(StreamView stream, List<RunView> runs, List<ReferenceChange> referenceChanges,
            List<AlertRecord> standingAlerts) {
    }

    /** Which run to accept, who accepts it and why. */
    public record AcceptRequest(String runId, String by, String note) {
    }
}
