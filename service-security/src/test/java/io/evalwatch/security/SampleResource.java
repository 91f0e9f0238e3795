package io.evalwatch.security;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** A resource as the services have them: a read, a mutation and one that needs admin. */
@Path("/api/sample")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SampleResource {

    public record Body(String name, int count) {
    }

    @GET
    public Map<String, String> read() {
        return Map.of("read", "ok");
    }

    @POST
    public Body write(Body body) {
        return body;
    }

    @POST
    @Path("/open")
    @KeyNotRequired
    public Map<String, String> open() {
        return Map.of("open", "ok");
    }

    @POST
    @Path("/admin")
    @RequiresRole(Role.ADMIN)
    public Map<String, String> admin() {
        return Map.of("admin", "ok");
    }
}
