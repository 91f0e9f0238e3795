package io.evalwatch.task.run;

import io.evalwatch.events.EnvironmentRef;
import io.evalwatch.events.PromptVariant;
import io.evalwatch.task.config.ConsistencyProbeConfig;
import io.evalwatch.task.config.TaskServiceConfig;
import io.evalwatch.task.environment.RunEnvironments;
import io.evalwatch.task.model.GenerationConfig;
import io.evalwatch.task.model.ModelCatalog;
import io.evalwatch.task.suite.Suite;
import io.evalwatch.task.suite.SuiteCatalog;
import io.evalwatch.task.suite.TaskDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Accepts run requests: validates them against suites and models, makes sure the suite's environment is built, then
 * has {@link RunRecorder} store the run and dispatch its items in one transaction (a monitor's fire joins its own,
 * which holds the monitor's lock). Outside a monitor's fire the environment is ensured before that transaction opens.
 */
@ApplicationScoped
public class RunService {

    private static final Logger LOG = Logger.getLogger(RunService.class);

    private final SuiteCatalog suites;
    private final ModelCatalog models;
    private final TaskServiceConfig config;
    private final RunEnvironments environments;
    private final RunRecorder recorder;
    private final ConsistencyProbeConfig consistency;

    public RunService(SuiteCatalog suites, ModelCatalog models, TaskServiceConfig config,
            RunEnvironments environments, RunRecorder recorder, ConsistencyProbeConfig consistency) {
        this.consistency = consistency;
        this.suites = suites;
        this.models = models;
        this.config = config;
        this.environments = environments;
        this.recorder = recorder;
    }

    /** A run a client asked for: manual, or gate when the request says so. */
    public Run start(RunRequest request) {
        if (request == null) {
            throw new InvalidRunException("body", "a JSON body {suite, models, samples} is required");
        }
        if (request.series() != null && !RunRequest.SERIES.matcher(request.series()).matches()) {
            throw new InvalidRunException("series", "series '" + request.series() + "' must match "
                    + RunRequest.SERIES.pattern() + " (lower case letters, digits, - and _; at most 100)");
        }
        return start(request, Provenance.of(request));
    }

    /** A run a monitor starts; its trigger and monitor cannot come from a client's request. */
    public Run startForMonitor(RunRequest request, String monitor) {
        return start(request, Provenance.monitor(monitor));
    }

    private Run start(RunRequest request, Provenance provenance) {
        if (request.suite() == null || request.suite().isBlank()) {
            throw new InvalidRunException("suite", "suite is required; known suites: " + suites.names());
        }
        Suite suite = suites.find(request.suite()).orElseThrow(() -> new InvalidRunException("suite",
                "unknown suite '" + request.suite() + "'; known suites: " + suites.names()));
        List<String> modelNames = validModels(request.models());
        int samples = request.samples() == null ? 1 : request.samples();
        if (samples < 1 || samples > config.runs().maxSamples()) {
            throw new InvalidRunException("samples", "samples must be between 1 and " + config.runs().maxSamples()
                    + ", was " + samples);
        }
        // refused before anything is built or dispatched: a judge must never grade its own family
        JudgeGuard.check(suite.name(), suite.judgeModel(), modelNames, models.names(), models.families());
        List<PromptVariant> variants = RunVariants.of(request.variants());
        List<TaskDefinition> tasks = selectTasks(suite, request.tasks());
        int repeats = consistency.repeats();
        if (variants.contains(PromptVariant.REPEAT) && (repeats < 2 || repeats > config.runs().maxSamples())) {
            throw new InvalidRunException("variants", "the consistency probe needs evalwatch.probes.consistency.repeats"
                    + " between 2 and " + config.runs().maxSamples() + ", configured " + repeats);
        }
        LongContextItems.Options longContext = new LongContextItems.Options(
                config.probes().longContext().sizes(), config.probes().longContext().needles());
        if (variants.contains(PromptVariant.LONG_CONTEXT)) {
            longContext.problem().ifPresent(problem -> {
                throw new InvalidRunException("variants", problem + " (evalwatch.probes.long-context.*)");
            });
        }
        long items = (RunPlan.itemsPerModel(tasks, variants, samples, repeats)
                + (variants.contains(PromptVariant.LONG_CONTEXT) ? longContext.itemsPerModelAndSample() * samples : 0))
                * modelNames.size();
        if (items > config.runs().maxItems()) {
            throw new InvalidRunException("samples", "the run would dispatch " + items + " items, more than the limit "
                    + config.runs().maxItems() + " (evalwatch.runs.max-items)");
        }
        Map<String, GenerationConfig> configs = models.generationConfigs();
        Map<String, String> configHashes = new LinkedHashMap<>();
        modelNames.forEach(m -> configHashes.put(m, configs.get(m).hash()));
        Map<String, EnvironmentRef> resolved = environments.resolve(tasks);
        RunPlan plan = RunPlan.of(UUID.randomUUID().toString(), suite, tasks, modelNames, samples, provenance,
                configHashes, resolved, Instant.now(), suite.judgeModel(), variants, repeats, longContext);
        Run run = recorder.record(suite, tasks, plan);
        LOG.infof("run %s started: suite %s (%s), models %s, variants %s, %d samples, %d items%s%s", run.runId,
                suite.name(), suite.version(), modelNames, RunVariants.ids(variants), samples, run.expectedItems,
                resolved.isEmpty() ? "" : ", environment " + RunEnvironments.environmentHash(resolved),
                suite.judgeModel() == null ? "" : ", judged by " + suite.judgeModel());
        return run;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Run> find(String runId) {
        return Optional.ofNullable(Run.findById(runId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Run> latest(int limit) {
        return Run.latest(limit);
    }

    /**
     * Records that reporting-service completed the run. Idempotent: a redelivered completion keeps the first
     * time. Returns false for a run this service does not know (started by another deployment).
     */
    @Transactional
    public boolean complete(String runId, Instant completedAt, boolean incomplete) {
        int updated = Run.update("completedAt = ?1, incomplete = ?2 where runId = ?3 and completedAt is null",
                completedAt, incomplete, runId);
        if (updated > 0) {
            LOG.infof("run %s %s", runId, incomplete ? "ended incomplete" : "completed");
            return true;
        }
        return Run.findById(runId) != null;
    }

    private List<String> validModels(List<String> requested) {
        Set<String> known = models.names();
        if (requested == null || requested.isEmpty()) {
            throw new InvalidRunException("models", "models is required; configured models: " + known);
        }
        Set<String> unique = new LinkedHashSet<>(requested);
        List<String> unknown = unique.stream().filter(m -> !known.contains(m)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidRunException("models", "unknown model" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; configured models: " + known);
        }
        return new ArrayList<>(unique);
    }

    private static List<TaskDefinition> selectTasks(Suite suite, List<String> taskIds) {
        if (taskIds == null || taskIds.isEmpty()) {
            return suite.tasks();
        }
        List<TaskDefinition> selected = new ArrayList<>();
        for (String id : new LinkedHashSet<>(taskIds)) {
            selected.add(suite.task(id).orElseThrow(() -> new InvalidRunException("tasks",
                    "suite '" + suite.name() + "' has no task '" + id + "'")));
        }
        return selected;
    }
}
