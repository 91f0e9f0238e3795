package io.evalwatch.generator.judge;

import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.ItemIds;
import io.evalwatch.events.JudgeCompleted;
import io.evalwatch.events.JudgeSpec;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.events.Usage;
import io.evalwatch.events.judge.JudgeRubrics;
import io.evalwatch.generator.config.ConfiguredModel;
import io.evalwatch.generator.config.GeneratorConfig;
import io.evalwatch.generator.config.ModelCatalog;
import io.evalwatch.generator.config.ModelConfig;
import io.evalwatch.generator.config.StructuredOutput;
import io.evalwatch.generator.prompt.ChatMessage;
import io.evalwatch.generator.prompt.ChatPrompt;
import io.evalwatch.generator.provider.Attempt;
import io.evalwatch.generator.provider.AttemptFailure;
import io.evalwatch.generator.provider.VendorClient;
import io.evalwatch.generator.resilience.ModelThrottle;
import io.evalwatch.generator.resilience.RetryPolicy;
import io.evalwatch.generator.secrets.SecretRedactor;
import io.evalwatch.generator.service.ModelGuard;
import io.evalwatch.generator.service.ModelGuards;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Asks an item's LLM judge to grade its answer with the rubric of the task's kind, through the same catalogue,
 * per-model limits, circuit breaker and retries as generations (the judge is a catalogue model like any other).
 * Always returns a judgement: one that could not be obtained or read has no score and says why.
 */
@ApplicationScoped
public class JudgeService {

    private static final Logger LOG = Logger.getLogger(JudgeService.class);

    @Inject
    ModelCatalog catalog;

    @Inject
    ModelGuards guards;

    @Inject
    VendorClient client;

    @Inject
    GeneratorConfig config;

    private final SecretRedactor redactor = SecretRedactor.instance();
    private RetryPolicy retryPolicy;

    @PostConstruct
    void init() {
        var r = config.retry();
        retryPolicy = new RetryPolicy(r.maxAttempts(), r.initialBackoff(), r.maxBackoff(), r.maxRetryAfter(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Whether an item's generation is to be judged: it carries a judge and its answer has code. */
    public static boolean wanted(TaskDispatched item, GenerationCompleted generation) {
        return item.judge() != null && generation != null && generation.error() == null
                && generation.code() != null && !generation.code().isBlank();
    }

    public JudgeCompleted judge(TaskDispatched item, GenerationCompleted generation) throws InterruptedException {
        JudgeSpec spec = item.judge();
        ConfiguredModel configured = catalog.find(spec.model()).orElse(null);
        if (configured == null) {
            return unscored(item, spec, "judge model '" + spec.model() + "' is not in the model catalogue "
                    + catalog.source(), Usage.zero(), 0.0, 0);
        }
        if (JudgeRubrics.kindOf(spec.rubricId()).isEmpty()) {
            return unscored(item, spec, "rubric '" + spec.rubricId() + "' is unknown to this generator",
                    Usage.zero(), 0.0, 0);
        }
        // the judge answers in words: a structured-output setting meant for code answers does not apply
        ModelConfig c = configured.config();
        ModelConfig plain = new ModelConfig(c.name(), c.provider(), c.endpoint(), c.modelId(), c.apiKeyEnv(),
                c.prices(), c.maxConcurrency(), c.requestsPerMinute(), c.tokensPerMinute(), c.timeout(),
                c.temperature(), c.maxTokens(), null, c.promptTemplate(), c.stream(), c.anthropicVersion(), c.alias(),
                c.acceptedModelIds(), c.tokenizer(), StructuredOutput.NONE, c.family());
        ConfiguredModel judge = new ConfiguredModel(plain, configured.apiKey(), configured.configHash());
        ChatPrompt prompt = new ChatPrompt(List.of(new ChatMessage("user",
                JudgeRubrics.prompt(spec.rubricId(), item.task() == null ? null : item.task().prompt(),
                        generation.code()))));
        long seed = ItemIds.seedOf(item.itemId());
        ModelGuard guard = guards.of(configured);
        int estimatedTokens = (prompt.characters() + 3) / 4 + c.maxTokens();

        int attempts = 0;
        Usage billed = Usage.zero();
        while (true) {
            if (guard.breaker().refusesNow()) {
                return unscored(item, spec, "circuit breaker for " + spec.model() + " is open", billed,
                        c.prices().costOf(billed), attempts);
            }
            ModelThrottle.Slot slot = guard.throttle().acquire(estimatedTokens);
            if (!guard.breaker().tryAcquire()) {
                slot.release(0);
                return unscored(item, spec, "circuit breaker for " + spec.model() + " is open", billed,
                        c.prices().costOf(billed), attempts);
            }
            Attempt attempt;
            try {
                attempt = client.send(judge, prompt, seed);
            } catch (InterruptedException | RuntimeException e) {
                guard.breaker().cancel();
                slot.release(estimatedTokens);
                throw e;
            }
            attempts++;
            slot.release(attempt.usage().inputTokens() + attempt.usage().outputTokens());
            billed = billed.plus(attempt.usage());
            AttemptFailure f = attempt.failure();
            guard.breaker().record(f != null && f.vendorTrouble(), f == null ? null : f.reason());
            if (attempt.answered()) {
                JudgeReply reply = JudgeReply.parse(redactor.redact(attempt.transcript().text()));
                double cost = c.prices().costOf(billed);
                LOG.debugf("item %s: judge %s scored %s", item.itemId(), spec.model(), reply.score());
                return new JudgeCompleted(JudgeCompleted.SCHEMA_VERSION, item.itemId(), item.runId(), item.model(),
                        spec.model(), spec.rubricId(), spec.rubricVersion(), reply.score(), reply.rationale(),
                        reply.unscoredReason(), billed, cost, attempts, Instant.now());
            }
            RetryPolicy.Decision decision = retryPolicy.next(attempts, f);
            if (!decision.retry()) {
                return unscored(item, spec, "the judge call failed: " + f.reason() + ": "
                        + redactor.redact(f.message()) + " (" + decision.why() + ")", billed,
                        c.prices().costOf(billed), attempts);
            }
            TimeUnit.NANOSECONDS.sleep(decision.delay().toNanos());
        }
    }

    private static JudgeCompleted unscored(TaskDispatched item, JudgeSpec spec, String reason, Usage usage,
            double cost, int attempts) {
        LOG.infof("item %s: no judgement from %s: %s", item.itemId(), spec.model(), reason);
        return new JudgeCompleted(JudgeCompleted.SCHEMA_VERSION, item.itemId(), item.runId(), item.model(),
                spec.model(), spec.rubricId(), spec.rubricVersion(), null, null, reason, usage, cost, attempts,
                Instant.now());
    }
}
