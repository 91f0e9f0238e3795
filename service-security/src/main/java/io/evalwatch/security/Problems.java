package io.evalwatch.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every REST error of every service in one shape, RFC 9457 problem details ({@code application/problem+json}):
 * {@code type}, {@code title}, {@code status}, {@code detail}, {@code instance}, {@code field} when one input is to
 * blame, and {@code error} (= detail) for clients that read the older shape.
 */
public class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem answer; {@code field} and {@code instance} may be null. */
    public static Response response(int status, String detail, String field, String instance) {
        return Response.status(status).type(MEDIA_TYPE).entity(body(status, detail, field, instance)).build();
    }

    /** A problem with members of its own beside the standard ones (RFC 9457 extension members). */
    public static Response response(int status, String detail, Map<String, ?> extensions) {
        Map<String, Object> body = body(status, detail, null, null);
        body.putAll(extensions);
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }

    public static Map<String, Object> body(int status, String detail, String field, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        Response.Status known = Response.Status.fromStatusCode(status);
        body.put("title", known == null ? "Error" : known.getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (field != null) {
            body.put("field", field);
        }
        body.put("error", detail);
        return body;
    }

    /** 404, 405, 406, 415 and the 400 of an unreadable body, as the REST layer raises them. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        JsonProcessingException json = jsonCause(e);
        if (json != null) {
            return unreadableJson(json, request);
        }
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (original != null && original.hasEntity() && original.getMediaType() != null
                && original.getMediaType().toString().startsWith(MEDIA_TYPE)) {
            return original; // already a problem (AuthFilter, a resource that built one)
        }
        Response.ResponseBuilder answer = Response.fromResponse(response(status, detail(e, status, request), null,
                request.path()));
        if (original != null && original.getHeaderString("Allow") != null) {
            answer.header("Allow", original.getHeaderString("Allow"));
        }
        return answer.build();
    }

    /** A body that is not JSON, or JSON that does not fit: 400 naming the problem and, when known, the field. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, HttpServerRequest request) {
        String field = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return response(400, "malformed JSON request body: " + e.getOriginalMessage() + where, field, request.path());
    }

    /** Beats quarkus-rest-jackson's own mapper for this type, which answers in a shape of its own. */
    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return unreadableJson(e, request);
    }

    /** The resource's message, or, for the REST layer's bare "HTTP 404 Not Found" and the like, what was wrong. */
    private static String detail(WebApplicationException e, int status, HttpServerRequest request) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String bare = "HTTP " + status + (known == null ? "" : " " + known.getReasonPhrase());
        // the REST layer's own wording when no resource matched says nothing a caller can act on
        if (e.getMessage() != null && !e.getMessage().equals(bare)
                && !e.getMessage().equals("Unable to find matching target resource method")) {
            return e.getMessage();
        }
        return switch (status) {
            case 404 -> "no resource at " + request.path();
            case 405 -> request.method() + " is not allowed on " + request.path();
            case 406 -> "no answer in the media type asked for (" + request.getHeader("Accept") + ")";
            case 415 -> "a body of type " + request.getHeader("Content-Type") + " is not accepted here";
            default -> bare;
        };
    }

    private static JsonProcessingException jsonCause(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }
}
