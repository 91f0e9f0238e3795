package io.evalwatch.generator.service;

import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.GenerationError;
import io.evalwatch.events.GenerationError.Reasons;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.PromptVariant;
import io.evalwatch.events.Provenance;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.events.Timings;
import io.evalwatch.events.Usage;
import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.GeneratorConfig;
import io.evalwatch.generator.config.ModelCatalog;
import io.evalwatch.generator.extraction.AnswerExtractor;
import io.evalwatch.generator.extraction.CodeFormat;
import io.evalwatch.generator.extraction.ExtractedCode;
import io.evalwatch.generator.extraction.StructuredAnswer;
import io.evalwatch.generator.config.StructuredOutput;
import io.evalwatch.generator.latency.HostLagMonitor;
import io.evalwatch.generator.latency.LatencyMeasurement;
import io.evalwatch.generator.prompt.ChatPrompt;
import io.evalwatch.generator.provider.Attempt;
import io.evalwatch.generator.provider.AttemptFailure;
import io.evalwatch.generator.provider.ContentPiece;
import io.evalwatch.generator.provider.Transcript;
import io.evalwatch.generator.provider.VendorClient;
import io.evalwatch.generator.resilience.ModelThrottle;
import io.evalwatch.generator.resilience.RetryPolicy;
import io.evalwatch.generator.secrets.SecretRedactor;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Generates one item: prompt, per-model limits, attempts with retries under the circuit breaker, measurement,
 * code extraction, cost. Always returns an event: an item that cannot be answered comes back with an error reason,
 * never as an exception, so nothing is lost and nothing is retried forever.
 */
@ApplicationScoped
public class GenerationService {

    private static final Logger LOG = Logger.getLogger(GenerationService.class);
    private static final double NANOS = 1e9;
    /** The metrics label of items whose model is not configured (a label per unknown name would be unbounded). */
    static final String UNKNOWN_MODEL = "unconfigured";

    @Inject
    ModelCatalog catalog;

    @Inject
    ModelGuards guards;

    @Inject
    VendorClient client;

    @Inject
    GenerationMetrics metrics;

    @Inject
    GeneratorConfig config;

    @Inject
    HostLagMonitor hostLag;

    private final SecretRedactor redactor = SecretRedactor.instance();
    private RetryPolicy retryPolicy;

    @PostConstruct
    void init() {
        var r = config.retry();
        retryPolicy = new RetryPolicy(r.maxAttempts(), r.initialBackoff(), r.maxBackoff(), r.maxRetryAfter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public GenerationCompleted generate(TaskDispatched item) throws InterruptedException {
        ConfiguredModel model = catalog.find(item.model()).orElse(null);
        if (model == null) {
            String known = String.join(", ", catalog.all().stream().map(ConfiguredModel::name).toList());
            return rejected(item, UNKNOWN_MODEL, "model '" + item.model() + "' is not in the model catalogue "
                    + catalog.source() + " (configured: " + known + ")");
        }
        if (item.task() == null) {
            return rejected(item, model.name(), "the dispatched item carries no task to prompt with");
        }
        String name = model.name();
        String provider = model.config().provider().id();
        ChatPrompt prompt = ChatPrompt.of(model.config(), item.task(), PromptVariant.ofItem(item.variant()),
                item.examples());
        long seed = ItemIds.seedOf(item.itemId());
        ModelGuard guard = guards.of(model);
        int estimatedTokens = (prompt.characters() + 3) / 4 + model.config().maxTokens();

        long queueNanos = 0;
        int attempts = 0;
        Usage billed = Usage.zero();
        Attempt last = null;
        AttemptFailure failure;
        while (true) {
            if (guard.breaker().refusesNow()) {
                failure = breakerOpen(model, guard, last);
                break;
            }
            ModelThrottle.Slot slot = guard.throttle().acquire(estimatedTokens);
            queueNanos += slot.waitedNanos();
            if (!guard.breaker().tryAcquire()) {
                slot.release(0);
                failure = breakerOpen(model, guard, last);
                break;
            }
            Attempt attempt;
            try {
                attempt = client.send(model, prompt, seed);
            } catch (InterruptedException | RuntimeException e) {
                guard.breaker().cancel();
                slot.release(estimatedTokens);
                throw e;
            }
            attempts++;
            last = attempt;
            // the HTTP client's own scheduling before the request left is waiting, not model time
            queueNanos += attempt.clientNanos();
            slot.release(attempt.usage().inputTokens() + attempt.usage().outputTokens());
            billed = billed.plus(attempt.usage());
            AttemptFailure f = attempt.failure();
            guard.breaker().record(f != null && f.vendorTrouble(), f == null ? null : f.reason());
            if (attempt.answered()) {
                return answered(item, model, prompt, attempt, attempts, billed, queueNanos / NANOS);
            }
            RetryPolicy.Decision decision = retryPolicy.next(attempts, f);
            if (!decision.retry()) {
                // say why the policy stopped, unless the failure itself was final on the first attempt
                failure = attempts > 1 || f.retryable()
                        ? withMessage(f, f.message() + " (" + decision.why() + ")")
                        : f;
                break;
            }
            metrics.retry(name, f.reason());
            LOG.debugf("item %s: attempt %d on %s failed (%s: %s); retrying in %.3f s", item.itemId(), attempts, name,
                    f.reason(), f.message(), decision.delay().toNanos() / NANOS);
            long before = System.nanoTime();
            TimeUnit.NANOSECONDS.sleep(decision.delay().toNanos());
            queueNanos += System.nanoTime() - before;
        }
        return failed(item, model, prompt, last, failure, attempts, billed, queueNanos / NANOS, provider);
    }

    private GenerationCompleted answered(TaskDispatched item, ConfiguredModel model, ChatPrompt prompt, Attempt attempt,
            int attempts, Usage usage, double queueSeconds) {
        String provider = model.config().provider().id();
        Timings timings = LatencyMeasurement.of(queueSeconds, attempt.startNanos(), attempt.endNanos(),
                tokenArrivals(attempt.transcript()),
                attempt.transcript().content().isEmpty() ? null : attempt.transcript().content().get(0).arrivedNanos(),
                attempt.usage().outputTokens(), model.config().stream(), hostLag);
        // reasoning is not part of the answer: only the answer's text is kept and searched for code
        String output = redactor.redact(attempt.transcript().text());
        ExtractedCode code = model.config().structuredOutput() == StructuredOutput.NONE
                ? AnswerExtractor.extract(item.task(), PromptVariant.ofItem(item.variant()), output)
                : StructuredAnswer.extract(output);
        double cost = model.config().prices().costOf(usage);
        metrics.answered(model.name(), provider, timings);
        record(model.name(), provider, "answered", usage, cost, queueSeconds);
        LOG.debugf("item %s: %s answered in %d attempt(s), ttft %s s, %d+%d tokens, $%.6f", item.itemId(),
                model.name(), attempts, timings.ttftSeconds(), usage.inputTokens(), usage.outputTokens(), cost);
        return event(item, output, code.code(), code.format().id(), timings, usage, cost,
                provenance(model, prompt, attempt), null, attempts);
    }

    private GenerationCompleted failed(TaskDispatched item, ConfiguredModel model, ChatPrompt prompt, Attempt last,
            AttemptFailure failure, int attempts, Usage usage, double queueSeconds, String provider) {
        double cost = model.config().prices().costOf(usage);
        Double duration = last == null ? null : (last.endNanos() - last.startNanos()) / NANOS;
        Double lag = last == null ? null : hostLag.lagSeconds(last.startNanos(), last.endNanos());
        String partial = last == null ? null : last.transcript().refusal() != null
                ? last.transcript().refusal()
                : last.transcript().text();
        String message = redactor.redact(failure.message());
        metrics.error(model.name(), failure.reason());
        record(model.name(), provider, "error", usage, cost, queueSeconds);
        LOG.infof("item %s: %s failed with %s after %d attempt(s): %s", item.itemId(), model.name(), failure.reason(),
                attempts, message);
        return event(item, partial == null || partial.isEmpty() ? null : redactor.redact(partial), null,
                CodeFormat.NONE.id(), new Timings(queueSeconds, null, duration, null, null, null, lag), usage, cost,
                provenance(model, prompt, last),
                new GenerationError(failure.reason(), message, failure.httpStatus(), attempts), attempts);
    }

    /** @param metricModel the model label: a configured name, never free text from the record */
    private GenerationCompleted rejected(TaskDispatched item, String metricModel, String message) {
        LOG.warnf("item %s: %s", item.itemId(), message);
        metrics.error(metricModel, Reasons.REFUSED);
        return event(item, null, null, CodeFormat.NONE.id(), Timings.none(), Usage.zero(), 0.0,
                new Provenance(null, null, null, null, null, null, null),
                new GenerationError(Reasons.REFUSED, redactor.redact(message), null, 0), 0);
    }

    /** Arrivals of every streamed token, reasoning and answer, in order: the decode rate covers both. */
    private static List<Long> tokenArrivals(Transcript t) {
        return Stream.concat(t.reasoning().stream(), t.content().stream()).map(ContentPiece::arrivedNanos).sorted()
                .toList();
    }

    private void record(String model, String provider, String outcome, Usage usage, double cost, double queueSeconds) {
        metrics.item(model, outcome);
        metrics.cost(model, cost);
        metrics.tokens(model, usage.inputTokens(), usage.outputTokens());
        metrics.queued(model, provider, queueSeconds);
    }

    /** The breaker's refusal; when this item's own attempts failed before it, their last vendor message too. */
    private static AttemptFailure breakerOpen(ConfiguredModel model, ModelGuard guard, Attempt last) {
        String reason = guard.breaker().lastFailure() == null ? Reasons.SERVER_ERROR : guard.breaker().lastFailure();
        String vendor = last == null || last.failure() == null ? "" : "; this item's last attempt: "
                + last.failure().message();
        return new AttemptFailure(reason, "circuit breaker for " + model.name() + " is open after repeated "
                + reason + " failures; next probe in " + guard.breaker().remainingOpen().toMillis() / 1000.0 + " s"
                + vendor, last == null || last.failure() == null ? null : last.failure().httpStatus(), false, null,
                false);
    }

    private static AttemptFailure withMessage(AttemptFailure f, String message) {
        return new AttemptFailure(f.reason(), message, f.httpStatus(), f.retryable(), f.retryAfter(), f.vendorTrouble());
    }

    private static Provenance provenance(ConfiguredModel model, ChatPrompt prompt, Attempt attempt) {
        var t = attempt == null ? null : attempt.transcript();
        String requestId = attempt == null ? null : attempt.requestId() != null ? attempt.requestId() : t.responseId();
        return new Provenance(model.config().provider().id(), model.config().modelId(),
                t == null ? null : t.responseModel(), t == null ? null : t.systemFingerprint(), requestId, prompt.hash(),
                model.configHash(), model.config().alias() || !model.config().acceptedModelIds().isEmpty());
    }

    private static GenerationCompleted event(TaskDispatched item, String output, String code, String codeFormat,
            Timings timings, Usage usage, double cost, Provenance provenance, GenerationError error, int attempts) {
        return new GenerationCompleted(GenerationCompleted.SCHEMA_VERSION, item.itemId(), item.runId(), item.suite(),
                item.suiteVersion(), item.model(), item.sample(), item.variant(), item.task(), output, code, codeFormat,
                timings, usage, cost, provenance, error, attempts, item.occurredAt(), Instant.now());
    }
}
