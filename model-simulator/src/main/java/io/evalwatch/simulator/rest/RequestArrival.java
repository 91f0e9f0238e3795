package io.evalwatch.simulator.rest;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Notes when a vendor API request arrived, before its body is read: the origin of its time to first token. */
@ApplicationScoped
public class RequestArrival {

    private static final String KEY = "evalwatch.arrived";

    void register(@Observes Router router) {
        // a separate route ordered first: Vert.x allows no user handler before a route's body handler
        router.route("/v1/*").order(-1000).handler(RequestArrival::mark);
    }

    static void mark(RoutingContext ctx) {
        ctx.put(KEY, System.nanoTime());
        ctx.next();
    }

    static long of(RoutingContext ctx) {
        Long arrived = ctx.get(KEY);
        return arrived != null ? arrived : System.nanoTime();
    }
}
