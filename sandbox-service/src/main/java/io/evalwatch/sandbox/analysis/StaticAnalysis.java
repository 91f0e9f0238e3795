package io.evalwatch.sandbox.analysis;

import io.evalwatch.sandbox.config.SandboxConfig;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.Signals;
import io.evalwatch.sandbox.isolation.Bind;
import io.evalwatch.sandbox.isolation.HarnessRecord;
import io.evalwatch.sandbox.isolation.Limits;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import io.evalwatch.sandbox.isolation.Program;
import io.evalwatch.sandbox.isolation.RawRun;
import io.evalwatch.sandbox.isolation.Sandbox;
import io.evalwatch.sandbox.isolation.SandboxPaths;
import io.evalwatch.sandbox.isolation.SandboxUnavailableException;
import io.evalwatch.sandbox.language.SpecFile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import io.evalwatch.sandbox.language.PythonLanguage;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Static analysis of Python code (pyflakes, mccabe, bandit, mypy), run in a sandbox of its own with the same
 * isolation as the code's execution: the analysers parse untrusted text. mypy starts from a read-only cache of
 * the standard library's stubs, built once per service instance, which cuts its run from about 0.8 s to 0.15 s.
 */
@ApplicationScoped
public class StaticAnalysis {

    private static final Logger LOG = Logger.getLogger(StaticAnalysis.class);
    static final String CACHE_IN_SANDBOX = "/sandbox/mypy-cache";
    /** The task's reference solution, beside the spec, when its complexity is to be measured. */
    static final String REFERENCE_FILE = "reference.py";

    /** mypy's words for a module it cannot resolve; the name is the module's. */
    private static final Pattern MYPY_MISSING_MODULE = Pattern.compile(
            "Cannot find implementation or library stub for module named \"([A-Za-z_][A-Za-z0-9_]*)");

    private final Sandbox sandbox;
    private final SandboxConfig config;
    private final Limits limits;
    private final Predicate<String> distributedPackage;
    private volatile Path mypyCache;
    private final CountDownLatch warmUpEnded = new CountDownLatch(1);

    public StaticAnalysis(Sandbox sandbox, SandboxConfig config, PythonLanguage python) {
        this.sandbox = sandbox;
        this.config = config;
        this.distributedPackage = python::distributedPackage;
        this.limits = Limits.of(config.limits())
                .with(new LimitsOverride(config.analysis().wallSeconds(), (int) Math.ceil(config.analysis().wallSeconds()),
                        config.analysis().memoryMb(), null, null, null, null, null))
                .within(Limits.of(config.ceiling()));
    }

    public boolean enabled() {
        return config.analysis().enabled();
    }

    /**
     * Builds the mypy cache in the background at start-up (after the sandbox is set up: observers of lower
     * priority run first), so the first item does not wait for it.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) StartupEvent event) {
        if (!enabled() || !config.analysis().tools().contains("mypy") || !sandbox.readiness().ready()) {
            warmUpEnded.countDown();
            return;
        }
        Thread warmUp = new Thread(() -> {
            try {
                mypyCache(config.slotWait());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warnf("mypy cache warm-up failed (%s); it is retried at the first analysis", e.getMessage());
            } finally {
                warmUpEnded.countDown();
            }
        }, "mypy-cache-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /**
     * Waits until the start-up warm-up has ended (built, failed, or not needed): until then a sandboxed process of
     * the service's own may be running that no request started.
     */
    public boolean awaitWarmUp(Duration timeout) throws InterruptedException {
        return warmUpEnded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Analyses the request's code; never throws: a failure of the analysis is reported inside the map. */
    public AnalysisReport analyze(ExecutionRequest request, Duration slotWait) throws InterruptedException {
        List<String> tools = config.analysis().tools();
        try {
            Path cache = tools.contains("mypy") ? mypyCache(slotWait) : null;
            byte[] spec = SpecFile.encode(request.entryPoint(), null, request.code(), List.of());
            // the reference's complexity is what the answer's is compared with: mccabe only, it costs milliseconds
            byte[] reference = tools.contains("mccabe") && request.reference() != null
                    && !request.reference().isBlank() ? request.reference().getBytes(StandardCharsets.UTF_8) : null;
            RawRun run = sandbox.run(paths -> program(paths, spec, reference, String.join(",", tools), cache, false),
                    limits, slotWait);
            for (HarnessRecord record : run.records()) {
                if ("analysis".equals(record.e()) && record.report() != null) {
                    return new AnalysisReport(record.report(), signalsOf(record.report(), distributedPackage),
                            run.seconds());
                }
            }
            return failed("the analysers reported nothing" + (run.timedOut() ? " (timed out)" : "")
                    + (run.output().isBlank() ? "" : ": " + last(run.output())), run.seconds());
        } catch (SandboxUnavailableException | TimeoutException | IOException | RuntimeException e) {
            return failed(e.getMessage(), 0);
        }
    }

    /**
     * Signals the analysers' findings give: undefined names and missing modules are APIs the code made up. A
     * module mypy cannot find that is a real package (numpy) is not: mypy sees no suite environment, and whether
     * the run's environment has it is the run's to say (missing_dependency).
     */
    @SuppressWarnings("unchecked")
    static List<String> signalsOf(Map<String, Object> report, Predicate<String> distributedPackage) {
        List<String> signals = new ArrayList<>();
        Object pyflakes = report.get("pyflakes");
        if (pyflakes instanceof Map<?, ?> p && p.get("undefinedNames") instanceof List<?> names && !names.isEmpty()) {
            signals.add(Signals.UNDEFINED_NAMES);
            signals.add(Signals.HALLUCINATED_API);
        }
        Object mypy = report.get("mypy");
        if (mypy instanceof Map<?, ?> m && m.get("missingApis") instanceof List<?> missing
                && missing.stream().anyMatch(line -> !realPackage(String.valueOf(line), distributedPackage))
                && !signals.contains(Signals.HALLUCINATED_API)) {
            signals.add(Signals.HALLUCINATED_API);
        }
        return signals;
    }

    private static boolean realPackage(String mypyLine, Predicate<String> distributedPackage) {
        Matcher module = MYPY_MISSING_MODULE.matcher(mypyLine);
        return module.find() && distributedPackage.test(module.group(1));
    }

    private Program program(SandboxPaths paths, byte[] spec, byte[] reference, String tools, Path cache,
            boolean writableCache) {
        List<Bind> binds = cache == null ? List.of() : List.of(new Bind(cache, CACHE_IN_SANDBOX, writableCache));
        String cacheArgument = cache == null ? "-" : sandboxed(paths, cache);
        Map<String, byte[]> files = reference == null ? Map.of(SpecFile.NAME, spec)
                : Map.of(SpecFile.NAME, spec, REFERENCE_FILE, reference);
        return new Program("python-analysis", files,
                List.of(pythonCommand(), "-I", "-S", paths.harness() + "/python/analysis.py",
                        paths.input() + "/" + SpecFile.NAME, tools, cacheArgument,
                        reference == null ? "-" : paths.input() + "/" + REFERENCE_FILE),
                binds, true);
    }

    private static String sandboxed(SandboxPaths paths, Path cache) {
        return paths.privatePids() ? CACHE_IN_SANDBOX : cache.toString();
    }

    private String pythonCommand() {
        SandboxConfig.LanguageSettings python = config.languages().get("python");
        return python != null && python.command().isPresent() ? python.command().get() : "/usr/bin/python3";
    }

    /** Builds the stub cache once: in a sandbox, from an empty file, then made read-only for every later run. */
    private synchronized Path mypyCache(Duration slotWait)
            throws SandboxUnavailableException, TimeoutException, InterruptedException, IOException {
        if (mypyCache != null) {
            return mypyCache;
        }
        Path cache = sandbox.instanceDir().resolve("mypy-cache");
        Files.createDirectories(cache);
        // writable by whichever slot's uid builds it; locked down right after
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        byte[] spec = SpecFile.encode("", null, "", List.of());
        RawRun run = sandbox.run(paths -> program(paths, spec, null, "warm-mypy-cache", cache, true), limits,
                slotWait);
        if (!run.reported("end")) {
            LOG.warnf("mypy cache warm-up did not finish (%s); mypy runs without a cache", last(run.output()));
        }
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                        Files.isDirectory(file) ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
        mypyCache = cache;
        return cache;
    }

    private static AnalysisReport failed(String message, double seconds) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("error", message == null ? "analysis failed" : message);
        return new AnalysisReport(report, List.of(), seconds);
    }

    private static String last(String output) {
        String trimmed = output.strip();
        return trimmed.length() <= 300 ? trimmed : trimmed.substring(trimmed.length() - 300);
    }
}
