package io.evalwatch.simulator.rest;

import io.evalwatch.simulator.config.SimulatorConfig;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks the API key of a request (Authorization: Bearer, or Anthropic's x-api-key). Keys are never logged. */
@ApplicationScoped
public class ApiKeys {

    private final SimulatorConfig config;

    public ApiKeys(SimulatorConfig config) {
        this.config = config;
    }

    public boolean accepted(HttpServerRequest request) {
        if (config.requireApiKey().isEmpty() || config.requireApiKey().get().isBlank()) {
            return true;
        }
        String presented = request.getHeader("x-api-key");
        String authorization = request.getHeader("Authorization");
        if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7).strip();
        }
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                config.requireApiKey().get().getBytes(StandardCharsets.UTF_8));
    }
}
