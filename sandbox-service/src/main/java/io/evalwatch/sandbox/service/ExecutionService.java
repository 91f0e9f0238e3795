package io.evalwatch.sandbox.service;

import io.evalwatch.events.EnvironmentRef;
import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.TestResult;
import io.evalwatch.sandbox.analysis.AnalysisReport;
import io.evalwatch.sandbox.analysis.StaticAnalysis;
import io.evalwatch.sandbox.config.SandboxConfig;
import io.evalwatch.sandbox.environment.BuiltEnvironment;
import io.evalwatch.sandbox.environment.EnvironmentBuildException;
import io.evalwatch.sandbox.environment.EnvironmentStore;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.execution.Signals;
import io.evalwatch.sandbox.execution.Verdict;
import io.evalwatch.sandbox.isolation.EnvironmentMount;
import io.evalwatch.sandbox.isolation.Limits;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import io.evalwatch.sandbox.isolation.RawRun;
import io.evalwatch.sandbox.isolation.Sandbox;
import io.evalwatch.sandbox.isolation.SandboxUnavailableException;
import io.evalwatch.sandbox.language.Language;
import io.evalwatch.sandbox.language.Languages;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Executes one piece of code against its tests in the sandbox and, for Python, analyses it: the one path both
 * the Kafka processor and the REST API take, with the same isolation and limits. A failure of the sandbox
 * itself becomes a sandbox_error result, never an exception, except when no slot frees up in time.
 */
@ApplicationScoped
public class ExecutionService {

    private static final Logger LOG = Logger.getLogger(ExecutionService.class);

    private final Sandbox sandbox;
    private final Languages languages;
    private final StaticAnalysis analysis;
    private final ExecutionMetrics metrics;
    private final SandboxConfig config;
    private final Limits defaults;
    private final Limits ceiling;
    private final EnvironmentStore environments;

    public ExecutionService(Sandbox sandbox, Languages languages, StaticAnalysis analysis, ExecutionMetrics metrics,
            SandboxConfig config, EnvironmentStore environments) {
        this.environments = environments;
        this.sandbox = sandbox;
        this.languages = languages;
        this.analysis = analysis;
        this.metrics = metrics;
        this.config = config;
        this.defaults = Limits.of(config.limits());
        this.ceiling = Limits.of(config.ceiling());
    }

    /**
     * Executes in the environment a task names (null: the plain sandbox). An environment that cannot be found or
     * built as the same lock fails the execution as a sandbox error saying why: it never runs without it.
     *
     * @throws TimeoutException every slot stayed busy for slotWait
     */
    public ExecutionResult execute(ExecutionRequest request, EnvironmentRef environment, Duration slotWait)
            throws TimeoutException, InterruptedException {
        if (environment == null) {
            return execute(request, slotWait);
        }
        try {
            BuiltEnvironment built = environments.resolve(environment);
            return execute(request.withEnvironment(built.mount(environment.spec())), slotWait);
        } catch (EnvironmentBuildException e) {
            ExecutionResult result = refused(request, null, "environment "
                    + (environment.lockHash() != null ? environment.lockHash() : "(not yet built)")
                    + " is not available: " + e.getMessage());
            metrics.record(request.language(), result.outcome(), 0);
            return result;
        }
    }

    /**
     * @throws TimeoutException every slot stayed busy for slotWait
     */
    public ExecutionResult execute(ExecutionRequest request, Duration slotWait)
            throws TimeoutException, InterruptedException {
        long started = System.nanoTime();
        Optional<Language> found = languages.find(request.language());
        String languageName = found.map(Language::name).orElse(String.valueOf(request.language()));
        ExecutionResult result;
        if (found.isEmpty()) {
            result = refused(request, Signals.UNSUPPORTED_LANGUAGE,
                    "no sandbox language '" + request.language() + "' (known: " + languages.names() + ")");
        } else if (request.code() == null || request.code().isBlank()) {
            result = notRun(request, Outcomes.NO_CODE, "there is no code to execute", List.of());
        } else if (request.environment() != null && sandbox.mode() == io.evalwatch.sandbox.isolation.IsolationMode.NONE) {
            result = refused(request, null, "suite environments are bound into the sandbox and need"
                    + " evalwatch.sandbox.isolation=bwrap; this run would not see environment "
                    + request.environment().lockHash());
        } else if (!found.get().validEntryPoint(request.entryPoint())) {
            result = refused(request, null, "entry point '" + request.entryPoint() + "' is not valid in " + languageName);
        } else {
            result = run(request, found.get(), slotWait);
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        metrics.record(languageName, result.outcome(), seconds);
        return result;
    }

    private ExecutionResult run(ExecutionRequest request, Language language, Duration slotWait)
            throws TimeoutException, InterruptedException {
        Limits limits = limitsFor(request, language);
        ExecutionResult result;
        try {
            // a run with an environment sees it bound read-only at one place (LaunchCommand binds Program.environment)
            RawRun run = sandbox.run(paths -> language.program(request, request.environment() == null ? paths
                    : paths.withEnvironment(EnvironmentMount.SANDBOX_PATH), limits), limits, slotWait);
            result = Verdict.decide(request, language, run);
        } catch (SandboxUnavailableException e) {
            return refused(request, Signals.ISOLATION_UNAVAILABLE, e.getMessage());
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "sandbox failure running %s code", language.name());
            return refused(request, null, "sandbox failure: " + e);
        }
        if (request.analyze() && analysis.enabled() && "python".equals(language.name())) {
            AnalysisReport report = analysis.analyze(request, slotWait);
            result = result.withStaticAnalysis(report.report(), report.signals(), report.seconds());
        }
        return result;
    }

    /** Defaults, then the language's needs, then what the task or request asked for, all within the ceiling. */
    Limits limitsFor(ExecutionRequest request, Language language) {
        SandboxConfig.LanguageSettings settings = config.languages().get(language.name());
        LimitsOverride byLanguage = settings == null ? LimitsOverride.none()
                : new LimitsOverride(null, settings.cpuSeconds().orElse(null), settings.memoryMb().orElse(null),
                        settings.processes().orElse(null), null, null, null, null);
        LimitsOverride asked = request.limits();
        double wall = (asked.wallSeconds() != null ? asked.wallSeconds() : defaults.wallSeconds())
                + language.startupSeconds();
        Integer cpu = asked.cpuSeconds() != null ? asked.cpuSeconds()
                : byLanguage.cpuSeconds() != null ? byLanguage.cpuSeconds() : (int) Math.ceil(wall);
        return defaults.with(byLanguage).with(asked)
                .with(new LimitsOverride(wall, cpu, null, null, null, null, null, null))
                .within(ceiling);
    }

    private ExecutionResult refused(ExecutionRequest request, String signal, String message) {
        LOG.warn(message);
        return notRun(request, Outcomes.SANDBOX_ERROR, message, signal == null ? List.of() : List.of(signal));
    }

    private ExecutionResult notRun(ExecutionRequest request, String outcome, String message, List<String> signals) {
        List<TestResult> tests = new ArrayList<>();
        for (TestCase test : request.tests()) {
            tests.add(new TestResult(test.name(), TestResult.NOT_RUN, test.edge(), null, null, 0));
        }
        return new ExecutionResult(outcome, message, List.copyOf(tests), signals, Map.of(),
                sandbox.readiness().description(), 0, "", false);
    }
}
