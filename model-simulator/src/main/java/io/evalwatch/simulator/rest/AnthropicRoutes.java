package io.evalwatch.simulator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.simulator.service.ChatRequest;
import io.evalwatch.simulator.service.OpenRequests;
import io.evalwatch.simulator.service.Outcome;
import io.evalwatch.simulator.service.Simulator;
import io.evalwatch.simulator.service.SimulatorMetrics;
import io.evalwatch.simulator.truth.VendorTrouble;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * The Anthropic Messages API: {@code POST /v1/messages}, streaming (named SSE events) or not. The seed comes from
 * {@code metadata.user_id}. As on the real API, anthropic-version and max_tokens are required, and an overloaded
 * vendor answers 529.
 */
@ApplicationScoped
public class AnthropicRoutes {

    static final String API = "anthropic";
    static final int OVERLOADED = 529;
    private static final Logger LOG = Logger.getLogger(AnthropicRoutes.class);
    private static final int BODY_LIMIT = 8 * 1024 * 1024;

    private final Vertx vertx;
    private final ObjectMapper json;
    private final Simulator simulator;
    private final ApiKeys keys;
    private final SimulatorMetrics metrics;
    private final OpenRequests open;

    public AnthropicRoutes(Vertx vertx, ObjectMapper json, Simulator simulator, ApiKeys keys,
                           SimulatorMetrics metrics, OpenRequests open) {
        this.vertx = vertx;
        this.json = json;
        this.simulator = simulator;
        this.keys = keys;
        this.metrics = metrics;
        this.open = open;
    }

    void register(@Observes Router router) {
        router.post("/v1/messages")
                .handler(BodyHandler.create().setBodyLimit(BODY_LIMIT))
                .handler(this::messages);
    }

    private void messages(RoutingContext ctx) {
        long arrived = RequestArrival.of(ctx);
        if (!keys.accepted(ctx.request())) {
            error(ctx, null, 401, "authentication_error", "invalid x-api-key");
            return;
        }
        if (ctx.request().getHeader("anthropic-version") == null) {
            error(ctx, null, 400, "invalid_request_error", "anthropic-version: header is required");
            return;
        }
        JsonNode body = RequestBodies.parse(json, ctx);
        if (body == null || !body.path("model").isTextual() || !body.path("messages").isArray()
                || body.path("messages").isEmpty()) {
            error(ctx, null, 400, "invalid_request_error", "the request needs 'model' and a non-empty 'messages' list");
            return;
        }
        Integer maxTokens = RequestBodies.positiveInt(body.get("max_tokens"));
        if (maxTokens == null) {
            error(ctx, null, 400, "invalid_request_error", "max_tokens: field required");
            return;
        }
        String model = body.get("model").asText();
        Runnable close = open.open(model);
        ctx.addEndHandler(ended -> close.run());
        RequestBodies.Conversation conversation = RequestBodies.conversation(body.get("messages"),
                body.get("system"));
        ChatRequest request = new ChatRequest(API, model, conversation.lastUserMessage(), conversation.characters(),
                RequestBodies.seed(body.path("metadata").get("user_id")), maxTokens);
        boolean stream = body.path("stream").asBoolean(false);
        vertx.<Outcome>executeBlocking(() -> simulator.handle(request), false).onComplete(result -> {
            if (result.failed()) {
                LOG.error("simulating a message failed", result.cause());
                error(ctx, model, 500, "api_error", "The simulator failed: " + result.cause().getMessage());
            } else if (result.result() instanceof Outcome.UnknownModel) {
                error(ctx, model, 404, "not_found_error", "model: " + model);
            } else if (result.result() instanceof Outcome.Trouble trouble) {
                ctx.response().putHeader("retry-after", String.valueOf(trouble.retryAfterSeconds()));
                if (trouble.trouble() == VendorTrouble.RATE_LIMITED) {
                    error(ctx, model, 429, "rate_limit_error", "Number of requests has exceeded your rate limit.");
                } else {
                    error(ctx, model, OVERLOADED, "overloaded_error", "Overloaded");
                }
            } else if (result.result() instanceof Outcome.Reply reply) {
                String id = "msg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
                if (stream) {
                    stream(ctx, arrived, id, reply);
                } else {
                    TokenPacer.at(vertx, ctx.response(), arrived, reply.durationMillis(), () -> {
                        ObjectNode message = message(id, reply);
                        message.putArray("content").addObject().put("type", "text").put("text", reply.content());
                        message.put("stop_reason", stopReason(reply));
                        message.set("usage", usage(reply, reply.tokens().size()));
                        send(ctx, 200, message, reply);
                    });
                }
            }
        });
    }

    private void stream(RoutingContext ctx, long arrived, String id, Outcome.Reply reply) {
        HttpServerResponse response = ctx.response();
        response.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("x-system-fingerprint", reply.model().version().systemFingerprint());
        ObjectNode start = json.createObjectNode().put("type", "message_start");
        ObjectNode message = message(id, reply);
        message.putArray("content");
        message.putNull("stop_reason");
        message.set("usage", usage(reply, 1));
        start.set("message", message);
        event(response, "message_start", start);
        ObjectNode blockStart = json.createObjectNode().put("type", "content_block_start").put("index", 0);
        blockStart.putObject("content_block").put("type", "text").put("text", "");
        event(response, "content_block_start", blockStart);
        event(response, "ping", json.createObjectNode().put("type", "ping"));
        TokenPacer.start(vertx, response, arrived, reply.ttftMillis(), reply.tokensPerSecond(), reply.tokens().size(),
                index -> {
                    ObjectNode delta = json.createObjectNode().put("type", "content_block_delta").put("index", 0);
                    delta.putObject("delta").put("type", "text_delta").put("text", reply.tokens().get(index));
                    event(response, "content_block_delta", delta);
                },
                () -> {
                    event(response, "content_block_stop",
                            json.createObjectNode().put("type", "content_block_stop").put("index", 0));
                    ObjectNode messageDelta = json.createObjectNode().put("type", "message_delta");
                    messageDelta.putObject("delta").put("stop_reason", stopReason(reply)).putNull("stop_sequence");
                    messageDelta.putObject("usage").put("output_tokens", reply.tokens().size());
                    event(response, "message_delta", messageDelta);
                    event(response, "message_stop", json.createObjectNode().put("type", "message_stop"));
                    response.end();
                    metrics.request(API, reply.model().model().name(), 200);
                }, late -> metrics.firstTokenLateness(reply.model().model().name(), late));
    }

    private void event(HttpServerResponse response, String name, ObjectNode data) {
        response.write(RequestBodies.event(json, name, data));
    }

    private ObjectNode message(String id, Outcome.Reply reply) {
        ObjectNode message = json.createObjectNode()
                .put("id", id)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", reply.model().model().name());
        message.putNull("stop_sequence");
        // not part of Anthropic's API; clients that read tolerantly may use it to see the version change
        message.put("system_fingerprint", reply.model().version().systemFingerprint());
        return message;
    }

    private ObjectNode usage(Outcome.Reply reply, int outputTokens) {
        return json.createObjectNode().put("input_tokens", reply.promptTokens()).put("output_tokens", outputTokens);
    }

    private static String stopReason(Outcome.Reply reply) {
        return reply.truncated() ? "max_tokens" : "end_turn";
    }

    private void error(RoutingContext ctx, String model, int status, String type, String message) {
        ObjectNode body = json.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        send(ctx, status, body, null);
        metrics.request(API, model, status);
    }

    private void send(RoutingContext ctx, int status, ObjectNode body, Outcome.Reply reply) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (reply != null) {
            ctx.response().putHeader("x-system-fingerprint", reply.model().version().systemFingerprint());
        }
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(json.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
            return;
        }
        if (reply != null) {
            metrics.request(API, reply.model().model().name(), status);
        }
    }
}
