package io.evalwatch.reporting.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every client error as RFC 9457 problem details: what was wrong, in the message the resource wrote. */
public class ProblemDetails {

    public static final String MEDIA_TYPE = "application/problem+json";

    @ServerExceptionMapper
    public Response map(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase());
        body.put("status", status);
        body.put("detail", e.getMessage());
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }
}
