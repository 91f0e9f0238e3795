package io.evalwatch.security;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The error the REST layer never sees, in the same problem shape as {@link Problems}: a path that no resource and no
 * Quarkus endpoint answers (404). (A body over {@code quarkus.http.limits.max-body-size} is refused with a bare 413
 * by the HTTP server before any handler of ours runs.)
 */
@ApplicationScoped
public class HttpProblems {

    void install(@Observes Router router) {
        router.route().last().handler(ctx -> write(ctx, 404, "no resource at " + ctx.normalizedPath()));
    }

    private static void write(RoutingContext ctx, int status, String detail) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problems.MEDIA_TYPE)
                .end(new JsonObject(Problems.body(status, detail, null, ctx.normalizedPath())).encode());
    }
}
