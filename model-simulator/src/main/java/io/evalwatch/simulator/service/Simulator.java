package io.evalwatch.simulator.service;

import io.evalwatch.events.PromptVariant;
import io.evalwatch.simulator.answer.AnswerComposer;
import io.evalwatch.simulator.answer.JudgeReply;
import io.evalwatch.simulator.answer.MutationCheck;
import io.evalwatch.simulator.answer.NeedleSearch;
import io.evalwatch.simulator.answer.SimulatedAnswer;
import io.evalwatch.simulator.answer.VariantReplies;
import io.evalwatch.simulator.answer.Tokens;
import io.evalwatch.simulator.config.SimulatorConfig;
import io.evalwatch.simulator.profile.ModelVersion;
import io.evalwatch.simulator.service.ModelRegistry.ActiveModel;
import io.evalwatch.simulator.task.SimTask;
import io.evalwatch.simulator.truth.Truth;
import io.evalwatch.simulator.truth.VendorTrouble;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides what a simulated model does with a chat request: the version in force, vendor trouble for this attempt,
 * the task, the answer the truth decides, and its timing. May block (checking a mistake runs Python): call it from a
 * worker thread.
 */
@ApplicationScoped
public class Simulator {

    private static final Logger LOG = Logger.getLogger(Simulator.class);

    private final ModelRegistry models;
    private final TaskRegistry tasks;
    private final AttemptCounter attempts;
    private final SimulatorMetrics metrics;
    private final AnswerComposer composer;
    private final boolean checkMutations;
    private final ExecutorService preparation = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "simulator-mistake-check");
        thread.setDaemon(true);
        return thread;
    });

    public Simulator(ModelRegistry models, TaskRegistry tasks, AttemptCounter attempts, SimulatorMetrics metrics,
                     SimulatorConfig config) {
        this.models = models;
        this.tasks = tasks;
        this.attempts = attempts;
        this.metrics = metrics;
        MutationCheck check = config.checkMutations() ? new PythonMutationCheck(config.python(), 5)
                : MutationCheck.ASSUME_FAILS;
        this.composer = new AnswerComposer(check);
        this.checkMutations = config.checkMutations();
    }

    public Outcome handle(ChatRequest request) {
        Optional<ActiveModel> found = models.active(request.model());
        if (found.isEmpty()) {
            return new Outcome.UnknownModel(request.model());
        }
        ActiveModel active = found.get();
        // a prompt variant is read from the prompt's shape, as a vendor would see it; it may answer differently
        PromptVariant variant = PromptVariant.recognise(request.lastUserMessage());
        ModelVersion version = active.version().forVariant(variant);
        // without a seed the answer is not reproducible, as with a real vendor
        long seed = request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextInt(Integer.MAX_VALUE);
        int attempt = version.errors().any() ? attempts.next(request.model(), seed) : 0;
        VendorTrouble trouble = version.trouble(seed, attempt);
        if (trouble != VendorTrouble.NONE) {
            return new Outcome.Trouble(active, trouble, version.errors().retryAfterSeconds());
        }
        Optional<JudgeReply.JudgePrompt> judged = JudgeReply.read(request.lastUserMessage());
        if (judged.isPresent()) {
            return judge(request, active, version, seed, attempt, judged.get());
        }
        Optional<NeedleSearch> needle = NeedleSearch.read(request.lastUserMessage());
        if (needle.isPresent()) {
            return needle(request, active, version, seed, attempt, needle.get());
        }
        long askedAt = System.nanoTime();
        // a few-shot prompt's examples are other tasks: only the part after them is the task asked for
        String taskText = PromptVariant.taskPart(request.lastUserMessage());
        Optional<SimTask> task = tasks.match(taskText);
        if (task.isEmpty()) {
            // a suite imported since the last scan: read it now rather than answer its first requests blind
            List<SimTask> learned = tasks.rescanSince(askedAt);
            if (!learned.isEmpty()) {
                prepare(learned);
            }
            task = tasks.match(taskText); // this scan's tasks, or another prompt's
        }
        if (task.isPresent() && variant == PromptVariant.BASE && tasks.isTwin(task.get())) {
            // a known task's twin, asked as base: a memoriser answers it as its profile's twin variant says
            variant = PromptVariant.TWIN;
            version = active.version().forVariant(variant);
        }
        SimulatedAnswer answer = null;
        String content;
        if (task.isPresent()) {
            answer = composer.answer(version, task.get(), tasks.all(), seed);
            content = VariantReplies.render(variant, task.get(), answer);
            metrics.answer(request.model(), version.version(), answer.decided().label(), answer.delivered().label());
            LOG.debugf("%s %s task %s (%s) seed %d: %s (delivered %s)", request.model(), version.version(),
                    task.get().id(), variant.id(), seed, answer.decided(), answer.delivered());
        } else {
            content = AnswerComposer.UNKNOWN_TASK_TEXT;
            metrics.unknownPrompt(request.model());
            LOG.infof("%s: unknown prompt, it matches none of the %d known task(s), the suites folder rescanned within "
                    + "the last second included: answered with the generic reply without code; prompt starts \"%s\"",
                    request.model(), tasks.all().size(), excerpt(request.lastUserMessage()));
        }
        return reply(request, active, version, seed, attempt, task.orElse(null), answer, content);
    }

    /** A long-context needle question: found with the version's recall at the needle's position, else a wrong one. */
    private Outcome needle(ChatRequest request, ActiveModel active, ModelVersion version, long seed, int attempt,
            NeedleSearch search) {
        String name = search.needle().name();
        boolean found = Truth.needleFound(version.seed(), name, seed, version.needles().at(search.positionPercent()));
        metrics.answer(request.model(), version.version(), found ? "needle_found" : "needle_missed",
                found ? "needle_found" : "needle_missed");
        LOG.debugf("%s %s needle %s at %d %% seed %d: %s", request.model(), version.version(), name,
                search.positionPercent(), seed, found ? "found" : "missed");
        return reply(request, active, version, seed, attempt, null, null,
                search.answer(found, Truth.pick(version.seed(), name, seed, Integer.MAX_VALUE)));
    }

    /** A judge prompt: the grade the truth decides for the judged code, in the rubric's format. */
    private Outcome judge(ChatRequest request, ActiveModel active, ModelVersion version, long seed, int attempt,
            JudgeReply.JudgePrompt prompt) {
        Optional<SimTask> task = tasks.match(prompt.taskText());
        int score = Truth.judgeScore(version.seed(), task.map(SimTask::id).orElse(null), seed,
                task.map(SimTask::reference).orElse(null), prompt.code());
        metrics.answer(request.model(), version.version(), "judge_" + score, "judge_" + score);
        LOG.debugf("%s %s judges task %s seed %d: score %d", request.model(), version.version(),
                task.map(SimTask::id).orElse("(unknown)"), seed, score);
        return reply(request, active, version, seed, attempt, task.orElse(null), null,
                JudgeReply.content(score, score == 5));
    }

    private Outcome reply(ChatRequest request, ActiveModel active, ModelVersion version, long seed, int attempt,
            SimTask task, SimulatedAnswer answer, String content) {
        List<String> tokens = Tokens.split(content);
        boolean truncated = false;
        if (request.maxTokens() != null && request.maxTokens() > 0 && tokens.size() > request.maxTokens()) {
            tokens = tokens.subList(0, request.maxTokens());
            content = String.join("", tokens);
            truncated = true;
        }
        double ttft = version.ttftMillis().sample(Truth.latencyNoise(version.seed(), seed, attempt, 0));
        double speed = version.tokensPerSecond().sample(Truth.latencyNoise(version.seed(), seed, attempt, 1));
        return new Outcome.Reply(active, seed, task, answer, content, List.copyOf(tokens), truncated,
                ttft, speed, Tokens.estimate(request.promptCharacters()));
    }

    private static String excerpt(String text) {
        String flat = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        return flat.length() <= 80 ? flat : flat.substring(0, 80) + "...";
    }

    /** Checks the mistakes of tasks in the background, so that the first request for a task need not wait. */
    public void prepare(Collection<SimTask> prepared) {
        if (!checkMutations) {
            return;
        }
        List<SimTask> copy = List.copyOf(prepared);
        preparation.execute(() -> {
            long started = System.nanoTime();
            for (SimTask task : copy) {
                try {
                    composer.prepare(task);
                } catch (RuntimeException e) {
                    LOG.warnf("checking the mistakes of task %s failed: %s", task.id(), e);
                }
            }
            LOG.infof("checked the mistakes of %d task(s) in %d ms", copy.size(),
                    (System.nanoTime() - started) / 1_000_000);
        });
    }

    void onStart(@Observes StartupEvent event) {
        prepare(tasks.all());
    }

    @PreDestroy
    void stop() {
        preparation.shutdownNow();
    }

    /** The answer a model version gives for a task and seed, without timing or trouble (for the admin API). */
    public SimulatedAnswer preview(ModelVersion version, SimTask task, long seed) {
        return composer.answer(version, task, tasks.all(), seed);
    }
}
