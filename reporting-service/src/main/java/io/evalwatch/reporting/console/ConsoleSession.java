package io.evalwatch.reporting.console;

import io.evalwatch.security.ApiKeys;
import io.evalwatch.security.AuthFilter;
import io.evalwatch.security.KeyNotRequired;
import io.evalwatch.security.Role;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Signing in to the console: the browser gives an API key once, in a form; it is checked here and kept in an
 * HttpOnly, SameSite=Strict cookie limited to /console, which AuthFilter reads like the Authorization header. The
 * key's role decides, as for the REST API, what its pages and buttons may do.
 */
@Path("/console")
@Tag(name = "Console", description = "The web console's HTML pages")
public class ConsoleSession {

    private final ApiKeys keys;

    @Location("console/login.html")
    Template loginPage;

    public ConsoleSession(ApiKeys keys) {
        this.keys = keys;
    }

    @GET
    @Path("/login")
    @KeyNotRequired
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The console's sign-in form")
    public String form(@QueryParam("next") String next) {
        return ConsolePages.render(loginPage.data("next", safeNext(next)).data("problem", ""), "login");
    }

    @POST
    @Path("/login")
    @KeyNotRequired
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Sign in with an API key: kept in an HttpOnly cookie for the console's pages and forms")
    public Response login(@RestForm String key, @RestForm String next) {
        Optional<Role> role = keys.roleOf(key == null ? null : key.strip());
        if (role.isEmpty()) {
            return Response.status(401).type(MediaType.TEXT_HTML).entity(ConsolePages.render(loginPage
                    .data("next", safeNext(next)).data("problem", "This key is not known to reporting-service."),
                    "login")).build();
        }
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookie(key.strip(), -1)).build();
    }

    @POST
    @Path("/logout")
    @KeyNotRequired
    @Operation(summary = "Sign out: the key's cookie is cleared")
    public Response logout() {
        return Response.seeOther(URI.create("/console/login")).cookie(cookie("", 0)).build();
    }

    private static NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(AuthFilter.KEY_COOKIE).value(value).path("/console").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    /** Only a console page may be the next stop, so the form cannot send a browser elsewhere. */
    private static String safeNext(String next) {
        return next != null && next.startsWith("/console/") && !next.startsWith("/console//") ? next : "/console/runs";
    }
}
