package io.evalwatch.generator.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.ModelConfig;
import io.evalwatch.generator.config.ProviderKind;
import io.evalwatch.generator.prompt.ChatMessage;
import io.evalwatch.generator.prompt.ChatPrompt;
import io.evalwatch.generator.provider.Attempt;
import io.evalwatch.generator.provider.VendorClient;
import io.evalwatch.generator.secrets.SecretRedactor;
import io.evalwatch.generator.tokens.TokenCounter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Probes one configured endpoint in a few seconds, the way evalwatch will use it: is it reachable, is the key
 * accepted, is the model listed, does a tiny streamed call answer with usage and echo the model id, and does a
 * request for a model that does not exist come back as an error rather than as an answer. Each check says what
 * to fix in the catalogue when it fails. Uses the real {@link VendorClient}, so what passes here is what runs.
 */
public final class EndpointProbe {

    static final ChatPrompt PROMPT = new ChatPrompt(List.of(new ChatMessage("user", "Reply with the single word: ok")));
    static final int PROBE_MAX_TOKENS = 16;
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VendorClient client;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final SecretRedactor redactor = SecretRedactor.instance();

    public EndpointProbe(VendorClient client) {
        this.client = client;
    }

    public ModelCheck check(ConfiguredModel model) throws InterruptedException {
        ModelConfig c = model.config();
        List<CheckItem> checks = new ArrayList<>();
        boolean go = listModels(model, checks);
        ConfiguredModel probe = new ConfiguredModel(limited(c, c.modelId()), model.apiKey(), model.configHash());
        if (go) {
            go = tinyCall(probe, checks);
        } else {
            checks.add(CheckItem.skip("streamed answer with usage", "the endpoint is not usable yet"));
        }
        if (go) {
            unknownModel(model, checks);
        } else {
            checks.add(CheckItem.skip("errors are reported", "no answer to compare with"));
        }
        return ModelCheck.of(c.name(), c.provider().id(), c.endpoint().toString(), c.modelId(), checks);
    }

    /** GET {endpoint}/models: reachable, key accepted, model listed. False when nothing further can work. */
    private boolean listModels(ConfiguredModel model, List<CheckItem> checks) throws InterruptedException {
        ModelConfig c = model.config();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(c.endpoint() + "/models"))
                .timeout(Duration.ofSeconds(10)).GET();
        if (model.apiKey().present()) {
            if (c.provider() == ProviderKind.ANTHROPIC) {
                request.header("x-api-key", model.apiKey().reveal()).header("anthropic-version", c.anthropicVersion());
            } else {
                request.header("Authorization", "Bearer " + model.apiKey().reveal());
            }
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            checks.add(CheckItem.fail("reachable", redactor.redact("GET " + c.endpoint() + "/models: " + e),
                    "check endpoint for " + c.name() + " in the model catalogue (scheme, host, port and the /v1"
                            + " path), and that the server is running and reachable from the generator"));
            checks.add(CheckItem.skip("key accepted", "not reachable"));
            checks.add(CheckItem.skip("model listed", "not reachable"));
            return false;
        }
        int status = response.statusCode();
        checks.add(CheckItem.pass("reachable", "GET /models answered " + status));
        if (status == 401 || status == 403) {
            checks.add(CheckItem.fail("key accepted", "HTTP " + status + ": " + redactor.redact(brief(response.body())),
                    c.apiKeyEnv() == null
                            ? "the endpoint wants a key: set api_key_env for " + c.name() + " to the name of an"
                                    + " environment variable holding it"
                            : "set the environment variable " + c.apiKeyEnv() + " (read by generator-service) to a"
                                    + " valid key" + (model.apiKey().present() ? "; the one set was refused" : "; it is not set")));
            checks.add(CheckItem.skip("model listed", "key refused"));
            return false;
        }
        checks.add(model.apiKey().present() || c.apiKeyEnv() == null
                ? CheckItem.pass("key accepted", model.apiKey().present() ? "the key was accepted" : "no key configured, none asked for")
                : CheckItem.warn("key accepted", c.apiKeyEnv() + " is not set; the endpoint did not ask for a key", null));
        if (status == 503) {
            checks.add(CheckItem.warn("model listed", "HTTP 503: the server is not ready (still loading?)",
                    "wait until the server has loaded the model, then check again"));
            return true;
        }
        if (status != 200) {
            checks.add(CheckItem.warn("model listed", "GET /models answered " + status + "; cannot tell which models"
                    + " the endpoint serves", null));
            return true;
        }
        List<String> ids = new ArrayList<>();
        try {
            for (JsonNode m : JSON.readTree(response.body()).path("data")) {
                ids.add(m.path("id").asText());
            }
        } catch (IOException e) {
            checks.add(CheckItem.warn("model listed", "GET /models did not answer JSON", null));
            return true;
        }
        if (ids.contains(c.modelId())) {
            checks.add(CheckItem.pass("model listed", c.modelId() + " is among " + ids.size() + " model(s)"));
        } else if (c.alias()) {
            checks.add(CheckItem.warn("model listed", c.modelId() + " is not listed (it is configured as an alias);"
                    + " listed: " + shortList(ids), null));
        } else {
            checks.add(CheckItem.fail("model listed", c.modelId() + " is not listed; listed: " + shortList(ids),
                    "set model_id for " + c.name() + " to one of the listed ids, or set alias: true if the endpoint"
                            + " serves one model whatever the request names"));
        }
        return true;
    }

    /** A tiny streamed call through the real client: answer, usage, model id. */
    private boolean tinyCall(ConfiguredModel probe, List<CheckItem> checks) throws InterruptedException {
        ModelConfig c = probe.config();
        Attempt a = client.send(probe, PROMPT, 1);
        if (a.failure() != null && !"model_mismatch".equals(a.failure().reason())) {
            checks.add(CheckItem.fail("streamed answer with usage", a.failure().reason() + ": " + a.failure().message(),
                    a.httpStatus() != null && a.httpStatus() == 404
                            ? "check model_id and endpoint for " + c.name() + " (404: no such model or path)"
                            : "see the message; the same call is what every item makes"));
            return false;
        }
        long pieces = a.transcript().content().size() + a.transcript().reasoning().size();
        String shape = (c.stream() ? pieces + " streamed piece(s)" : "one body") + ", " + a.usage().inputTokens() + "+"
                + a.usage().outputTokens() + " tokens";
        if (a.usageEstimated()) {
            checks.add(CheckItem.warn("streamed answer with usage", shape + "; the endpoint reported no usage, so"
                    + " tokens are counted with " + TokenCounter.of(c).description() + " and marked estimated",
                    c.provider() == ProviderKind.OPENAI
                            ? "if the server supports stream_options.include_usage, upgrade it; otherwise costs are estimates"
                            : null));
        } else if (c.stream() && pieces == 0) {
            checks.add(CheckItem.warn("streamed answer with usage", shape + " but no text arrived, so TTFT cannot be"
                    + " measured", null));
        } else {
            checks.add(CheckItem.pass("streamed answer with usage", shape));
        }
        String echoed = a.transcript().responseModel();
        if (echoed == null) {
            checks.add(CheckItem.warn("model id echoed", "the response names no model; a changed model cannot be"
                    + " told from provenance", null));
        } else if (c.accepts(echoed)) {
            checks.add(CheckItem.pass("model id echoed", echoed.equals(c.modelId()) ? echoed
                    : echoed + " (accepted for " + c.modelId() + ")"));
        } else {
            checks.add(CheckItem.fail("model id echoed", "asked for " + c.modelId() + ", answered as " + echoed,
                    "if " + echoed + " is the model you mean, add it to accepted_model_ids for " + c.name()
                            + " (or set alias: true); otherwise fix model_id"));
        }
        return true;
    }

    /** A request for a model id that cannot exist must come back as an error, not as an answer. */
    private void unknownModel(ConfiguredModel model, List<CheckItem> checks) throws InterruptedException {
        ModelConfig c = model.config();
        String bogus = c.modelId() + "-evalwatch-probe-no-such-model";
        ConfiguredModel probe = new ConfiguredModel(limited(c, bogus), model.apiKey(), model.configHash());
        Attempt a = client.send(probe, PROMPT, 2);
        if (a.failure() == null) {
            checks.add(CheckItem.fail("errors are reported", "a request for model " + bogus + " was answered",
                    "the endpoint ignores the model id; declare " + c.name() + " with alias: true (the response id"
                            + " is then only recorded), or its answers will fail as model_mismatch"));
        } else if ("model_mismatch".equals(a.failure().reason())) {
            checks.add(c.alias()
                    ? CheckItem.pass("errors are reported", "the endpoint answers any model id as "
                            + a.transcript().responseModel() + "; alias: true is set, so the id is recorded")
                    : CheckItem.warn("errors are reported", "the endpoint answers any model id as "
                            + a.transcript().responseModel() + "; evalwatch catches it as model_mismatch", null));
        } else {
            checks.add(CheckItem.pass("errors are reported", a.failure().reason()
                    + (a.httpStatus() == null ? "" : " (HTTP " + a.httpStatus() + ")") + ": " + brief(a.failure().message())));
        }
    }

    /** The model's own settings with a tiny answer and a short timeout, optionally under another model id. */
    static ModelConfig limited(ModelConfig c, String modelId) {
        Duration timeout = c.timeout().compareTo(PROBE_TIMEOUT) < 0 ? c.timeout() : PROBE_TIMEOUT;
        return new ModelConfig(c.name(), c.provider(), c.endpoint(), modelId, c.apiKeyEnv(), c.prices(),
                c.maxConcurrency(), c.requestsPerMinute(), c.tokensPerMinute(), timeout, c.temperature(),
                Math.min(PROBE_MAX_TOKENS, c.maxTokens()), null, c.promptTemplate(), c.stream(), c.anthropicVersion(),
                c.alias(), c.acceptedModelIds(), c.tokenizer(), c.structuredOutput(), c.family());
    }

    private static String shortList(List<String> ids) {
        return ids.size() <= 8 ? String.join(", ", ids) : String.join(", ", ids.subList(0, 8)) + ", ...";
    }

    private static String brief(String text) {
        String t = text == null ? "" : text.strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }
}
