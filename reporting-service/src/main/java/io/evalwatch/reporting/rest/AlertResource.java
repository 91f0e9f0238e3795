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
import org.jboss.resteasy.reactive.RestPath;

/** Alerts with their evidence; acknowledge and resolve them; Alertmanager's webhook lands here too. */
@Path("/api/alerts")
public class AlertResource {

    private final AlertService alerts;

    public AlertResource(AlertService alerts) {
        this.alerts = alerts;
    }

    @GET
    public List<AlertRecord> list(@QueryParam("status") String status, @QueryParam("model") String model,
            @QueryParam("suite") String suite, @QueryParam("stream") String stream,
            @QueryParam("signal") String signal) {
        return alerts.list(status, model, suite, stream, signal);
    }

    @POST
    @Path("/{alertId}/acknowledge")
    public AlertRecord acknowledge(@RestPath String alertId, Note note) {
        try {
            return alerts.acknowledge(alertId, note == null ? null : note.note(), note == null ? null : note.by())
                    .orElseThrow(() -> new NotFoundException("no alert " + alertId));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @POST
    @Path("/{alertId}/resolve")
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
