package io.evalwatch.reporting.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.evalwatch.reporting.alert.AlertRecord;
import io.evalwatch.reporting.alert.AlertService;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

/** Alerts with their evidence; acknowledge and resolve them; Alertmanager's webhook lands here too. */
@Path("/api/alerts")
@Tag(name = "Alerts", description = "Drift alerts with their evidence; acknowledge and resolve them")
public class AlertResource {

    private final AlertService alerts;

    public AlertResource(AlertService alerts) {
        this.alerts = alerts;
    }

    @GET
    @Operation(summary = "Alerts, optionally filtered by status, model, suite, stream and signal")
    public List<AlertRecord> list(@QueryParam("status") String status, @QueryParam("model") String model,
            @QueryParam("suite") String suite, @QueryParam("stream") String stream,
            @QueryParam("signal") String signal) {
        return alerts.list(status, model, suite, stream, signal);
    }

    @POST
    @Path("/{alertId}/acknowledge")
    @Operation(summary = "Acknowledge an alert, with a note saying what is being done about it")
    @APIResponse(responseCode = "200", description = "The alert, acknowledged")
    @APIResponse(responseCode = "400", description = "The note is missing")
    @APIResponse(responseCode = "404", description = "No such alert")
    public AlertRecord acknowledge(@RestPath String alertId,
            @RequestBody(description = "What is being done about the alert, and who writes it", required = true,
                    content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "acknowledge",
                            summary = "Acknowledge a pass-rate drop",
                            value = "{\"note\": \"vendor confirmed a model update; re-running the suite\","
                                    + " \"by\": \"alice\"}")))
            Note note) {
        try {
            return alerts.acknowledge(alertId, note == null ? null : note.note(), note == null ? null : note.by())
                    .orElseThrow(() -> new NotFoundException("no alert " + alertId));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @POST
    @Path("/{alertId}/resolve")
    @Operation(summary = "Resolve an alert by hand")
    @APIResponse(responseCode = "200", description = "The alert, resolved")
    @APIResponse(responseCode = "404", description = "No such alert")
    @APIResponse(responseCode = "409", description = "A drift alert belongs to its stream: only a run of the stream (or a new reference) resolves it; acknowledge it instead")
    public AlertRecord resolve(@RestPath String alertId, Note note) {
        try {
            return alerts.resolveByHand(alertId, note == null ? null : note.note())
                    .orElseThrow(() -> new NotFoundException("no alert " + alertId));
        } catch (IllegalStateException e) {
            throw new ClientErrorException(e.getMessage(), Response.Status.CONFLICT);
        }
    }

    /** Alertmanager's webhook payload (version 4): each alert is recorded, and resolved when Alertmanager says so. */
    @POST
    @Path("/alertmanager")
    @Operation(summary = "Alertmanager's webhook (payload version 4): each alert is recorded, and resolved when Alertmanager says so")
    @APIResponse(responseCode = "200", description = "How many alerts were received")
    @APIResponse(responseCode = "400", description = "Not an Alertmanager payload (no alerts list)")
    public Map<String, Integer> alertmanager(JsonNode payload) {
        if (payload == null || !payload.path("alerts").isArray()) {
            throw new BadRequestException("expected an Alertmanager webhook payload with an 'alerts' list");
        }
        int count = 0;
        for (JsonNode a : payload.path("alerts")) {
            Map<String, Object> labels = new LinkedHashMap<>();
            a.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            labels.put("__fingerprint", a.path("fingerprint").asText(String.valueOf(labels)));
            alerts.relayed(a.path("labels").path("alertname").asText("unnamed"), a.path("status").asText("firing"),
                    a.path("labels").path("severity").asText(null), a.path("annotations").path("summary").asText(null),
                    labels);
            count++;
        }
        return Map.of("received", count);
    }

    /** A note when changing an alert's status (required to acknowledge), and who writes it. */
    public record Note(String note, String by) {
    }
}
