package io.evalwatch.reporting.console;

import io.evalwatch.reporting.alert.AlertService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The alert page's buttons: HTML form posts calling the same AlertService methods as AlertResource. Being POSTs, they
 * need an operator (or admin) key under AuthFilter's rule, exactly like the REST endpoints. Each answers with a
 * redirect to the alerts page saying what happened.
 */
@Path("/console")
@Tag(name = "Console", description = "The web console's HTML pages")
public class AlertActions {

    private final AlertService alerts;

    public AlertActions(AlertService alerts) {
        this.alerts = alerts;
    }

    @POST
    @Path("/alerts/{alertId}/acknowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Acknowledge an alert from the console (operator)")
    public Response acknowledge(@RestPath String alertId, @RestForm String note, @RestForm String by) {
        try {
            return alerts.acknowledge(alertId, note, by == null || by.isBlank() ? null : by)
                    .map(a -> back("done", "Acknowledged alert " + alertId + "."))
                    .orElseGet(() -> back("problem", "There is no alert " + alertId + "."));
        } catch (IllegalArgumentException e) {
            return back("problem", e.getMessage());
        }
    }

    @POST
    @Path("/alerts/{alertId}/resolve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Resolve an alert by hand from the console (operator)")
    public Response resolve(@RestPath String alertId, @RestForm String note) {
        try {
            return alerts.resolveByHand(alertId, note)
                    .map(a -> back("done", "Resolved alert " + alertId + "."))
                    .orElseGet(() -> back("problem", "There is no alert " + alertId + "."));
        } catch (IllegalStateException e) {
            return back("problem", e.getMessage());
        }
    }

    private static Response back(String kind, String message) {
        return Response.seeOther(URI.create("/console/alerts?" + kind + "="
                + URLEncoder.encode(message, StandardCharsets.UTF_8))).build();
    }
}
