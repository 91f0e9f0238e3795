package io.evalwatch.generator.provider;

import io.evalwatch.events.Usage;
import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.ModelConfig;
import io.evalwatch.generator.config.StructuredOutput;
import io.evalwatch.generator.prompt.ChatPrompt;
import io.evalwatch.generator.resilience.RetryAfter;
import io.evalwatch.generator.secrets.SecretRedactor;
import jakarta.enterprise.context.ApplicationScoped;
import io.evalwatch.generator.tokens.TokenCounter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends one request to a vendor with the JDK HTTP client and turns whatever happens into an {@link Attempt}:
 * an answer with its timing, or a classified failure. Never retries by itself; the caller owns the retry policy
 * so that every attempt is counted and billed.
 */
@ApplicationScoped
public class VendorClient {


    /** Bounds memory per response; far above any max_tokens in use (a token's SSE chunk is ~200 bytes). */
    static final int MAX_BODY_CHARS = 16 * 1024 * 1024;

    private final SecretRedactor redactor = SecretRedactor.instance();
    /**
     * One client (so one connection pool) per model. A model whose server may have left a kept-alive connection
     * out of step (it answered before reading the request body) gets a new client, so its next attempt opens a
     * fresh connection instead of being answered with what the server made of the leftover body.
     */
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();

    /** Sends one attempt and waits for it, at most the model's timeout (headers and whole body together). */
    public Attempt send(ConfiguredModel model, ChatPrompt prompt, long seed) throws InterruptedException {
        ModelConfig config = model.config();
        ChatProtocol protocol = ChatProtocol.of(config.provider());
        TimedBodyPublisher requestBody = new TimedBodyPublisher(protocol.body(config, prompt, seed));
        HttpRequest.Builder builder = HttpRequest.newBuilder(protocol.uri(config))
                .timeout(config.timeout())
                .POST(requestBody);
        protocol.headers(model).forEach(builder::header);
        HttpRequest request = builder.build();
        HttpClient client = clients.computeIfAbsent(config.name(), n -> newClient(request.uri()));

        BodyLines body = new BodyLines(MAX_BODY_CHARS);
        // the clock starts at the hand-over; model time starts later, when the client takes the body to send it
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<Void>> future = client.sendAsync(request,
                info -> BodySubscribers.fromLineSubscriber(body, b -> null, StandardCharsets.UTF_8, null));
        HttpResponse<Void> response;
        try {
            response = future.get(config.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            body.cancel();
            long end = System.nanoTime();
            Transcript partial = partialTranscript(protocol, body);
            return new Attempt(origin(requestBody, start), end, clientNanos(requestBody, start), null, null, partial,
                    billed(partial, prompt, !body.snapshot().isEmpty(), config),
                    true, AttemptFailure.timeout("no complete answer from " + config.name() + " within "
                            + seconds(config.timeout()) + " s"));
        } catch (InterruptedException e) {
            future.cancel(true);
            body.cancel();
            throw e;
        } catch (ExecutionException e) {
            long end = System.nanoTime();
            Throwable cause = e.getCause() == null ? e : e.getCause();
            Transcript partial = partialTranscript(protocol, body);
            boolean started = !body.snapshot().isEmpty();
            Usage usage = started ? billed(partial, prompt, true, config) : Usage.zero();
            if (cause instanceof HttpTimeoutException) {
                return new Attempt(origin(requestBody, start), end, clientNanos(requestBody, start), null, null, partial,
                        usage, started,
                        AttemptFailure.timeout(config.name() + ": " + redactor.redact(describe(cause))));
            }
            return new Attempt(origin(requestBody, start), end, clientNanos(requestBody, start), null, null, partial,
                    usage, started,
                    AttemptFailure.connection(config.name() + " at " + config.endpoint() + ": "
                            + redactor.redact(describe(cause))));
        }
        long end = body.completedNanos() != 0 ? body.completedNanos() : System.nanoTime();
        return read(model, client, protocol, prompt, response, body, origin(requestBody, start), end,
                clientNanos(requestBody, start));
    }

    private static HttpClient newClient(URI uri) {
        // plain http gets HTTP/1.1 so the client does not try an h2c upgrade on every new connection
        return HttpClient.newBuilder()
                .version("https".equals(uri.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The model's next request goes on a new connection: the client that met trouble is dropped (its pooled
     * connections close when idle), once however many attempts met it at the same time.
     */
    private void freshConnections(String model, HttpClient troubled) {
        clients.remove(model, troubled);
    }

    private Attempt read(ConfiguredModel model, HttpClient client, ChatProtocol protocol, ChatPrompt prompt, HttpResponse<Void> response,
            BodyLines body, long start, long end, long clientNanos) {
        HttpHeaders headers = response.headers();
        int status = response.statusCode();
        String requestId = protocol.requestIdHeaders().stream()
                .map(h -> headers.firstValue(h).orElse(null)).filter(v -> v != null && !v.isBlank())
                .findFirst().orElse(null);
        String name = model.name();
        if (status < 200 || status >= 300) {
            String text = body.text();
            VendorError error = ChatProtocol.readError(text);
            Duration retryAfter = RetryAfter.parse(h -> headers.firstValue(h).orElse(null), Instant.now()).orElse(null);
            String message = redactor.redact("HTTP " + status + " from " + name
                    + (error.type() == null ? "" : " (" + error.type() + ")")
                    + (error.message() == null || error.message().isEmpty() ? "" : ": " + error.message()));
            AttemptFailure failure;
            if (status == 503) {
                // a server that is loading may answer before reading the request (llama.cpp does), leaving the
                // connection out of step: the retry must not reuse it
                freshConnections(name, client);
                failure = AttemptFailure.ofStatus(status, message, retryAfter);
            } else if (status >= 400 && status < 500 && status != 429 && !ChatProtocol.isJson(text)) {
                freshConnections(name, client);
                failure = AttemptFailure.desynchronised(status, message + (text.isBlank() ? " (empty body)" : "")
                        + "; no API answers a request error without a JSON error, so the connection was probably"
                        + " out of step (as after a 503 from a loading server): retrying on a fresh connection");
            } else {
                failure = AttemptFailure.ofStatus(status, message, retryAfter);
            }
            return new Attempt(start, end, clientNanos, status, requestId, Transcript.empty(), Usage.zero(), false, failure);
        }
        if (body.overflowed()) {
            return new Attempt(start, end, clientNanos, status, requestId, Transcript.empty(),
                    billed(Transcript.empty(), prompt, true, model.config()), true,
                    AttemptFailure.badResponse(name + " sent more than " + MAX_BODY_CHARS + " characters", status));
        }
        Transcript transcript;
        try {
            boolean streamed = headers.firstValue("content-type").orElse("").contains("text/event-stream");
            List<TimedLine> lines = body.snapshot();
            transcript = streamed
                    ? protocol.readStream(SseReader.events(lines))
                    : protocol.readBody(body.text(), lines.isEmpty() ? end : lines.get(lines.size() - 1).arrivedNanos());
            if (model.config().structuredOutput() == StructuredOutput.TOOL) {
                // the answer of a model made to call a tool is the call's arguments, timed like any answer
                transcript = transcript.withToolCallAsAnswer();
            }
        } catch (MalformedResponseException e) {
            return new Attempt(start, end, clientNanos, status, requestId, Transcript.empty(),
                    billed(Transcript.empty(), prompt, true, model.config()), true,
                    AttemptFailure.badResponse(redactor.redact(name + ": " + e.getMessage()), status));
        }
        Usage usage = billed(transcript, prompt, true, model.config());
        boolean estimated = usage.estimated();
        AttemptFailure failure = null;
        if (transcript.error() != null) {
            failure = AttemptFailure.ofVendorError(transcript.error(), redactor.redact(name + " reported an error"
                    + (transcript.error().type() == null ? "" : " (" + transcript.error().type() + ")") + ": "
                    + transcript.error().message()));
        } else if (transcript.refusal() != null) {
            failure = AttemptFailure.refused(redactor.redact(name + " refused: " + transcript.refusal()), status);
        } else if ("content_filter".equals(transcript.finishReason())) {
            failure = AttemptFailure.refused(name + " stopped the answer with finish_reason content_filter", status);
        } else if (!transcript.complete()) {
            failure = AttemptFailure.badResponse(name + " ended the stream before its end marker", status);
        } else if (!model.config().accepts(transcript.responseModel())) {
            failure = AttemptFailure.modelMismatch(redactor.redact(name + " asked for model '"
                    + model.config().modelId() + "' but the endpoint answered as '" + transcript.responseModel()
                    + "'; if that id is the same model under another name, list it in accepted_model_ids (or set"
                    + " alias: true) for " + name + " in the model catalogue"));
        }
        return new Attempt(start, end, clientNanos, status, requestId, transcript, usage, estimated, failure);
    }

    /** Model time starts when the request left; before the body was taken nothing was sent, so use the hand-over. */
    private static long origin(TimedBodyPublisher requestBody, long handedOver) {
        long taken = requestBody.takenNanos();
        return taken != 0 ? taken : handedOver;
    }

    private static long clientNanos(TimedBodyPublisher requestBody, long handedOver) {
        return origin(requestBody, handedOver) - handedOver;
    }

    private static Transcript partialTranscript(ChatProtocol protocol, BodyLines body) {
        try {
            return protocol.readStream(SseReader.events(body.snapshot()));
        } catch (RuntimeException unreadable) {
            return Transcript.empty();
        }
    }

    /**
     * What the vendor bills for an attempt that reached it: its own counts, else counts made with the model's
     * tokenizer ({@link TokenCounter}: the prompt with its chat overhead, the answer and reasoning text received),
     * marked estimated, so a cut-off attempt still shows in cost.
     */
    static Usage billed(Transcript t, ChatPrompt prompt, boolean reachedModel, ModelConfig model) {
        if (!reachedModel) {
            return Usage.zero();
        }
        TokenCounter counter = null;
        boolean estimated = false;
        int input;
        if (t.inputTokens() != null) {
            input = t.inputTokens();
        } else {
            counter = TokenCounter.of(model);
            input = counter.count(prompt);
            estimated = true;
        }
        int output;
        // a count sent before the stream broke (Anthropic's message_start says 1) is behind what arrived
        if (t.outputTokens() != null && t.complete()) {
            output = t.outputTokens();
        } else {
            counter = counter == null ? TokenCounter.of(model) : counter;
            int received = counter.count(t.text()) + counter.count(t.reasoningText());
            output = t.outputTokens() == null ? received : Math.max(t.outputTokens(), received);
            estimated |= output != (t.outputTokens() == null ? -1 : t.outputTokens());
        }
        int reasoning;
        if (t.reasoningTokens() != null) {
            reasoning = t.reasoningTokens();
        } else if (!t.reasoning().isEmpty()) {
            // Anthropic bills thinking as output without saying how much of it was thinking
            counter = counter == null ? TokenCounter.of(model) : counter;
            reasoning = Math.min(output, counter.count(t.reasoningText()));
            estimated = true;
        } else {
            reasoning = 0;
        }
        int cacheRead = t.cacheReadTokens() == null ? 0 : t.cacheReadTokens();
        int cacheWrite = t.cacheWriteTokens() == null ? 0 : t.cacheWriteTokens();
        return new Usage(input, output, cacheRead, cacheWrite, reasoning, estimated);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String seconds(Duration d) {
        return Double.toString(d.toMillis() / 1000.0);
    }
}
