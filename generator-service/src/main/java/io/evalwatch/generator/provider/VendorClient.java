package io.evalwatch.generator.provider;

import io.evalwatch.events.Usage;
import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.ModelConfig;
import io.evalwatch.generator.prompt.ChatPrompt;
import io.evalwatch.generator.resilience.RetryAfter;
import io.evalwatch.generator.secrets.SecretRedactor;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
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
    // plain http gets HTTP/1.1 so the client does not try an h2c upgrade on every new connection
    private final HttpClient http11 = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final HttpClient http2 = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

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
        HttpClient client = "https".equals(request.uri().getScheme()) ? http2 : http11;

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
                    billed(partial, prompt, !body.snapshot().isEmpty()),
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
            Usage usage = started ? billed(partial, prompt, true) : Usage.zero();
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
        return read(model, protocol, prompt, response, body, origin(requestBody, start), end,
                clientNanos(requestBody, start));
    }

    private Attempt read(ConfiguredModel model, ChatProtocol protocol, ChatPrompt prompt, HttpResponse<Void> response,
            BodyLines body, long start, long end, long client) {
        HttpHeaders headers = response.headers();
        int status = response.statusCode();
        String requestId = protocol.requestIdHeaders().stream()
                .map(h -> headers.firstValue(h).orElse(null)).filter(v -> v != null && !v.isBlank())
                .findFirst().orElse(null);
        String name = model.name();
        if (status < 200 || status >= 300) {
            VendorError error = ChatProtocol.readError(body.text());
            Duration retryAfter = RetryAfter.parse(h -> headers.firstValue(h).orElse(null), Instant.now()).orElse(null);
            String message = redactor.redact("HTTP " + status + " from " + name
                    + (error.type() == null ? "" : " (" + error.type() + ")")
                    + (error.message() == null || error.message().isEmpty() ? "" : ": " + error.message()));
            return new Attempt(start, end, client, status, requestId, Transcript.empty(), Usage.zero(), false,
                    AttemptFailure.ofStatus(status, message, retryAfter));
        }
        if (body.overflowed()) {
            return new Attempt(start, end, client, status, requestId, Transcript.empty(), billed(Transcript.empty(), prompt, true),
                    true, AttemptFailure.badResponse(name + " sent more than " + MAX_BODY_CHARS + " characters", status));
        }
        Transcript transcript;
        try {
            boolean streamed = headers.firstValue("content-type").orElse("").contains("text/event-stream");
            List<TimedLine> lines = body.snapshot();
            transcript = streamed
                    ? protocol.readStream(SseReader.events(lines))
                    : protocol.readBody(body.text(), lines.isEmpty() ? end : lines.get(lines.size() - 1).arrivedNanos());
        } catch (MalformedResponseException e) {
            return new Attempt(start, end, client, status, requestId, Transcript.empty(), billed(Transcript.empty(), prompt, true),
                    true, AttemptFailure.badResponse(redactor.redact(name + ": " + e.getMessage()), status));
        }
        Usage usage = billed(transcript, prompt, true);
        boolean estimated = !transcript.usageReported();
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
        }
        return new Attempt(start, end, client, status, requestId, transcript, usage, estimated, failure);
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
     * What the vendor bills for an attempt that reached it: its own counts, else an estimate (four characters a
     * token for the prompt, one token a streamed chunk for the answer) so a cut-off attempt still shows in cost.
     */
    static Usage billed(Transcript t, ChatPrompt prompt, boolean reachedModel) {
        if (!reachedModel) {
            return Usage.zero();
        }
        int input = t.inputTokens() != null ? t.inputTokens() : (prompt.characters() + 3) / 4;
        int chunks = t.content().size();
        // a count sent before the stream broke (Anthropic's message_start says 1) is behind what arrived
        int output = t.outputTokens() == null ? chunks : t.complete() ? t.outputTokens() : Math.max(t.outputTokens(), chunks);
        return new Usage(input, output);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static String seconds(Duration d) {
        return Double.toString(d.toMillis() / 1000.0);
    }
}
