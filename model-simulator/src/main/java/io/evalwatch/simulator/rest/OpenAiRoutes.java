package io.evalwatch.simulator.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.evalwatch.simulator.service.ChatRequest;
import io.evalwatch.simulator.service.ModelRegistry;
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

import io.evalwatch.simulator.profile.Quirks;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.UUID;

/**
 * The OpenAI-compatible API: {@code GET /v1/models} and {@code POST /v1/chat/completions}, streaming (SSE) or not.
 * Plain Vert.x routes, so that status, headers and every chunk's timing are under control and nothing blocks the
 * event loop: the answer is decided on a worker thread, then tokens are paced with timers.
 */
@ApplicationScoped
public class OpenAiRoutes {

    static final String API = "openai";
    private static final Logger LOG = Logger.getLogger(OpenAiRoutes.class);
    private static final int BODY_LIMIT = 8 * 1024 * 1024;

    private final Vertx vertx;
    private final ObjectMapper json;
    private final Simulator simulator;
    private final ModelRegistry models;
    private final ApiKeys keys;
    private final SimulatorMetrics metrics;
    private final OpenRequests open;
    private final Map<String, AtomicInteger> requestsSeen = new ConcurrentHashMap<>();

    public OpenAiRoutes(Vertx vertx, ObjectMapper json, Simulator simulator, ModelRegistry models, ApiKeys keys,
                        SimulatorMetrics metrics, OpenRequests open) {
        this.vertx = vertx;
        this.json = json;
        this.simulator = simulator;
        this.models = models;
        this.keys = keys;
        this.metrics = metrics;
        this.open = open;
    }

    void register(@Observes Router router) {
        router.get("/v1/models").handler(this::listModels);
        router.post("/v1/chat/completions")
                .handler(BodyHandler.create().setBodyLimit(BODY_LIMIT))
                .handler(this::chatCompletions);
    }

    private void listModels(RoutingContext ctx) {
        if (!keys.accepted(ctx.request())) {
            error(ctx, null, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
            return;
        }
        ObjectNode body = json.createObjectNode().put("object", "list");
        ArrayNode data = body.putArray("data");
        for (ModelRegistry.ActiveModel model : models.all()) {
            data.addObject()
                    .put("id", model.model().name())
                    .put("object", "model")
                    .put("created", model.version().activeFrom() == null ? 0
                            : model.version().activeFrom().getEpochSecond())
                    .put("owned_by", "evalwatch-simulator");
        }
        send(ctx, 200, body);
    }

    private void chatCompletions(RoutingContext ctx) {
        long arrived = RequestArrival.of(ctx);
        if (!keys.accepted(ctx.request())) {
            error(ctx, null, 401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key");
            return;
        }
        JsonNode body = RequestBodies.parse(json, ctx);
        if (body == null || !body.path("model").isTextual() || !body.path("messages").isArray()
                || body.path("messages").isEmpty()) {
            error(ctx, null, 400, "The request needs 'model' and a non-empty 'messages' list.",
                    "invalid_request_error", null);
            return;
        }
        String model = body.get("model").asText();
        if (stillLoading(model)) {
            // llama.cpp's answer while its weights load
            ObjectNode loading = json.createObjectNode();
            loading.putObject("error").put("code", 503).put("message", "Loading model").put("type", "unavailable_error");
            send(ctx, 503, loading);
            metrics.request(API, model, 503);
            return;
        }
        Runnable close = open.open(model);
        ctx.addEndHandler(ended -> close.run());
        RequestBodies.Conversation conversation = RequestBodies.conversation(body.get("messages"), null);
        Integer maxTokens = RequestBodies.positiveInt(body.get("max_completion_tokens"));
        ChatRequest request = new ChatRequest(API, model, conversation.lastUserMessage(), conversation.characters(),
                RequestBodies.seed(body.get("seed")),
                maxTokens != null ? maxTokens : RequestBodies.positiveInt(body.get("max_tokens")));
        boolean stream = body.path("stream").asBoolean(false);
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        vertx.<Outcome>executeBlocking(() -> simulator.handle(request), false).onComplete(result -> {
            if (result.failed()) {
                LOG.error("simulating a chat completion failed", result.cause());
                error(ctx, model, 500, "The simulator failed: " + result.cause().getMessage(), "server_error", null);
            } else if (result.result() instanceof Outcome.UnknownModel) {
                error(ctx, model, 404, "The model '" + model + "' does not exist", "invalid_request_error",
                        "model_not_found");
            } else if (result.result() instanceof Outcome.Trouble trouble) {
                trouble(ctx, model, trouble);
            } else if (result.result() instanceof Outcome.Reply reply) {
                if (stream) {
                    stream(ctx, arrived, reply, includeUsage);
                } else {
                    TokenPacer.at(vertx, ctx.response(), arrived, reply.durationMillis(),
                            () -> send(ctx, 200, completion(reply)));
                }
            }
        });
    }

    private ObjectNode completion(Outcome.Reply reply) {
        ObjectNode body = head(newId(), reply, "chat.completion");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", reply.content());
        choice.putNull("logprobs");
        choice.put("finish_reason", reply.finishReason());
        body.set("usage", usage(reply));
        return body;
    }

    private void stream(RoutingContext ctx, long arrived, Outcome.Reply reply, boolean includeUsage) {
        HttpServerResponse response = ctx.response();
        response.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("x-system-fingerprint", reply.model().version().systemFingerprint());
        response.writeHead();
        String id = newId();
        TokenPacer.start(vertx, response, arrived, reply.ttftMillis(), reply.tokensPerSecond(), reply.tokens().size(),
                index -> {
                    Quirks quirks = reply.model().version().quirks();
                    if (index == quirks.streamErrorAfterTokens()) {
                        // llama.cpp's error field line, then the end marker it still sends
                        response.write("error: {\"code\":500,\"message\":\"context shift is disabled\","
                                + "\"type\":\"server_error\"}\n\n");
                        response.end("data: [DONE]\n\n");
                        metrics.request(API, reply.model().model().name(), 200);
                        return;
                    }
                    if (index == 0) {
                        for (int r = 0; r < quirks.reasoningTokens(); r++) {
                            ObjectNode thought = chunk(id, reply, includeUsage);
                            ObjectNode thinking = thought.putArray("choices").addObject().put("index", 0);
                            thinking.putObject("delta").put("role", "assistant").put("reasoning_content",
                                    r == 0 ? "Let me think" : " step " + r);
                            thinking.putNull("finish_reason");
                            response.write(RequestBodies.event(json, null, thought));
                        }
                    }
                    ObjectNode chunk = chunk(id, reply, includeUsage);
                    ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
                    ObjectNode delta = choice.putObject("delta");
                    if (index == 0) {
                        delta.put("role", "assistant");
                    }
                    delta.put("content", reply.tokens().get(index));
                    choice.putNull("logprobs");
                    choice.putNull("finish_reason");
                    response.write(RequestBodies.event(json, null, chunk));
                },
                () -> {
                    ObjectNode last = chunk(id, reply, includeUsage);
                    ObjectNode choice = last.putArray("choices").addObject().put("index", 0);
                    choice.putObject("delta");
                    choice.putNull("logprobs");
                    choice.put("finish_reason", reply.finishReason());
                    response.write(RequestBodies.event(json, null, last));
                    if (includeUsage) {
                        ObjectNode usage = chunk(id, reply, false);
                        usage.putArray("choices");
                        usage.set("usage", usage(reply));
                        response.write(RequestBodies.event(json, null, usage));
                    }
                    response.end("data: [DONE]\n\n");
                    metrics.request(API, reply.model().model().name(), 200);
                }, late -> metrics.firstTokenLateness(reply.model().model().name(), late));
    }

    private ObjectNode chunk(String id, Outcome.Reply reply, boolean nullUsage) {
        ObjectNode chunk = head(id, reply, "chat.completion.chunk");
        if (nullUsage) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private ObjectNode head(String id, Outcome.Reply reply, String object) {
        return json.createObjectNode()
                .put("id", id)
                .put("object", object)
                .put("created", Instant.now().getEpochSecond())
                .put("model", reply.model().version().quirks().responseModel() != null
                        ? reply.model().version().quirks().responseModel() : reply.model().model().name())
                .put("system_fingerprint", reply.model().version().systemFingerprint());
    }

    /** Whether the model's version plays a server still loading, and this request is one of its first. */
    private boolean stillLoading(String model) {
        int loading = models.active(model).map(m -> m.version().quirks().loadingRequests()).orElse(0);
        return loading > 0 && requestsSeen.computeIfAbsent(model, m -> new AtomicInteger()).getAndIncrement() < loading;
    }

    private ObjectNode usage(Outcome.Reply reply) {
        Quirks quirks = reply.model().version().quirks();
        int completion = reply.tokens().size() + quirks.reasoningTokens();
        ObjectNode usage = json.createObjectNode()
                .put("prompt_tokens", reply.promptTokens())
                .put("completion_tokens", completion)
                .put("total_tokens", reply.promptTokens() + completion);
        if (quirks.cachedPromptTokens() > 0) {
            usage.putObject("prompt_tokens_details").put("cached_tokens",
                    Math.min(quirks.cachedPromptTokens(), reply.promptTokens()));
        }
        if (quirks.reasoningTokens() > 0) {
            usage.putObject("completion_tokens_details").put("reasoning_tokens", quirks.reasoningTokens());
        }
        return usage;
    }

    private void trouble(RoutingContext ctx, String model, Outcome.Trouble trouble) {
        ctx.response().putHeader("Retry-After", String.valueOf(trouble.retryAfterSeconds()));
        if (trouble.trouble() == VendorTrouble.RATE_LIMITED) {
            error(ctx, model, 429, "Rate limit reached for " + model + ". Please try again in "
                    + trouble.retryAfterSeconds() + "s.", "requests", "rate_limit_exceeded");
        } else {
            error(ctx, model, 503, "The server is overloaded or not ready yet.", "server_error",
                    "service_unavailable");
        }
    }

    private void error(RoutingContext ctx, String model, int status, String message, String type, String code) {
        ObjectNode body = json.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", type);
        error.putNull("param");
        if (code == null) {
            error.putNull("code");
        } else {
            error.put("code", code);
        }
        send(ctx, status, body);
        metrics.request(API, model, status);
    }

    private void send(RoutingContext ctx, int status, ObjectNode body) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (status == 200 && body.has("system_fingerprint")) {
            ctx.response().putHeader("x-system-fingerprint", body.get("system_fingerprint").asText());
        }
        try {
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(json.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            ctx.fail(e);
        }
        if (status == 200 && body.has("choices")) {
            metrics.request(API, body.path("model").asText(null), status);
        }
    }

    private static String newId() {
        return "chatcmpl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }
}
