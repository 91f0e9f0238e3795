package io.evalwatch.sandbox.execution;

import io.evalwatch.events.ExecutionCompleted.Outcomes;
import io.evalwatch.events.TestCase;
import io.evalwatch.events.TestResult;
import io.evalwatch.sandbox.isolation.HarnessRecord;
import io.evalwatch.sandbox.isolation.RawRun;
import io.evalwatch.sandbox.language.Language;
import io.evalwatch.sandbox.language.LoadFailure;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides an execution's outcome, per-test results and signals from what was observed, and from nothing else:
 * the harness's records, the kernel's counters, the kill flags and the output. A pure function of its inputs,
 * but for whether a module a run could not import exists at all, which the language looks up (and remembers).
 */
public final class Verdict {

    static final int SIGKILL = 9;
    static final int SIGXCPU = 24;
    static final int SIGXFSZ = 25;
    private static final Map<Integer, String> SIGNAL_NAMES = Map.ofEntries(Map.entry(1, "SIGHUP"),
            Map.entry(2, "SIGINT"), Map.entry(4, "SIGILL"), Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"),
            Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"), Map.entry(11, "SIGSEGV"), Map.entry(13, "SIGPIPE"),
            Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"), Map.entry(24, "SIGXCPU"), Map.entry(25, "SIGXFSZ"),
            Map.entry(31, "SIGSYS"));
    private static final Map<String, String> EVIDENCE_SIGNALS = Map.of(
            "network", Signals.violation(Signals.NETWORK),
            "signal", Signals.violation(Signals.SIGNAL),
            "sensitive_file", Signals.violation(Signals.SENSITIVE_FILE),
            "process", Signals.SPAWNED_PROCESS,
            "native_code", Signals.NATIVE_CODE);

    private Verdict() {
    }

    public static ExecutionResult decide(ExecutionRequest request, Language language, RawRun run) {
        List<TestCase> cases = request.tests();
        Transcript transcript = Transcript.read(run.records(), cases.size());
        Set<String> signals = new LinkedHashSet<>();
        Integer deathSignal = deathSignal(run, transcript);
        boolean cpuLimit = deathSignal != null && deathSignal == SIGXCPU;

        Optional<LoadFailure> loadFailure = loadFailure(transcript, request, language, run);
        List<TestResult> tests = testResults(cases, transcript, run, deathSignal);

        boolean outOfMemory = run.resources().oomKills() > 0 || language.outputSaysOutOfMemory(run.output())
                || loadFailure.map(f -> language.outOfMemory(f.type(), f.message())).orElse(false)
                || tests.stream().anyMatch(t -> language.outOfMemory(t.exceptionType(), t.message()));
        boolean allRan = transcript.loaded() && transcript.results().size() == cases.size();
        boolean allPassed = allRan && tests.stream().allMatch(TestResult::passed);

        String outcome;
        String message = null;
        if (!transcript.started() && loadFailure.isEmpty()) {
            outcome = run.outputLimitExceeded() ? Outcomes.OUTPUT_LIMIT
                    : run.timedOut() ? Outcomes.TIMEOUT
                    : outOfMemory ? Outcomes.MEMORY_LIMIT : Outcomes.SANDBOX_ERROR;
            message = "the harness never started (exit " + run.exitCode() + "): " + tail(run.output());
        } else if (loadFailure.isPresent() && "syntax".equals(loadFailure.get().kind())) {
            outcome = Outcomes.SYNTAX_ERROR;
            message = describe(loadFailure.get());
        } else if (loadFailure.isPresent() && "missing_entry_point".equals(loadFailure.get().kind())) {
            outcome = Outcomes.MISSING_ENTRY_POINT;
            message = describe(loadFailure.get());
        } else if (run.outputLimitExceeded()) {
            outcome = Outcomes.OUTPUT_LIMIT;
            message = "output passed " + run.outputBytes() + " bytes and the run was stopped";
        } else if (outOfMemory && !allPassed) {
            outcome = Outcomes.MEMORY_LIMIT;
            message = "the code ran out of memory";
        } else if ((run.timedOut() || cpuLimit) && !allRan) {
            outcome = Outcomes.TIMEOUT;
            message = cpuLimit ? "CPU time limit reached" : "wall-time limit reached";
        } else if (loadFailure.isPresent()) {
            outcome = Outcomes.LOAD_ERROR;
            message = describe(loadFailure.get());
            if (language.missingDependency(loadFailure.get().type(), loadFailure.get().message())) {
                message += " (a package that exists, but not in this run's environment: declare it in the suite's"
                        + " environment)";
            }
        } else if (allRan) {
            outcome = Outcomes.COMPLETED;
            boolean everyCallRejected = !tests.isEmpty() && transcript.results().stream()
                    .allMatch(r -> Boolean.TRUE.equals(r.signature()));
            if (everyCallRejected) {
                outcome = Outcomes.MISSING_ENTRY_POINT;
                message = "no test could call " + request.entryPoint() + " with its arguments";
                signals.add(Signals.WRONG_SIGNATURE);
            }
        } else {
            outcome = Outcomes.CRASHED;
            message = crashMessage(transcript, deathSignal, run);
        }

        addLoadSignals(loadFailure, language, signals);
        addTestSignals(cases, tests, transcript, language, outcome, signals);
        addResourceSignals(run, transcript, outOfMemory, cpuLimit, deathSignal, tests, signals);
        if (transcript.rawCompiles() != null) {
            signals.add(transcript.rawCompiles() ? Signals.RAW_OUTPUT_EXECUTABLE : Signals.RAW_OUTPUT_NOT_EXECUTABLE);
        }
        if ("none".equals(run.isolation())) {
            signals.add(Signals.UNISOLATED);
        }
        return new ExecutionResult(outcome, message, tests, List.copyOf(signals), Map.of(), run.isolation(),
                run.seconds(), run.output(), run.outputTruncated());
    }

    private static Optional<LoadFailure> loadFailure(Transcript transcript, ExecutionRequest request, Language language,
            RawRun run) {
        HarnessRecord load = transcript.load();
        if (load != null && !Boolean.TRUE.equals(load.ok())) {
            String kind = load.kind() == null ? "exception" : load.kind();
            return Optional.of(new LoadFailure(kind, load.type(), load.message(),
                    language.hallucinatedApi(load.type(), load.message()), false));
        }
        if (!transcript.started()) {
            return language.loadFailureFromOutput(request, run.output());
        }
        return Optional.empty();
    }

    private static List<TestResult> testResults(List<TestCase> cases, Transcript transcript, RawRun run,
            Integer deathSignal) {
        List<TestResult> tests = new ArrayList<>(cases.size());
        List<HarnessRecord> results = transcript.results();
        for (int i = 0; i < cases.size(); i++) {
            TestCase test = cases.get(i);
            if (i < results.size()) {
                HarnessRecord r = results.get(i);
                tests.add(new TestResult(test.name(), r.status(), test.edge(), r.type(), r.message(),
                        r.seconds() == null ? 0 : r.seconds()));
            } else if (Integer.valueOf(i).equals(transcript.running())) {
                tests.add(interrupted(test, run, deathSignal));
            } else {
                tests.add(new TestResult(test.name(), TestResult.NOT_RUN, test.edge(), null, null, 0));
            }
        }
        return tests;
    }

    /** The test that was running when the run ended without its result. */
    private static TestResult interrupted(TestCase test, RawRun run, Integer deathSignal) {
        if (run.timedOut()) {
            return new TestResult(test.name(), TestResult.TIMEOUT, test.edge(), "Timeout",
                    "still running at the wall-time limit", 0);
        }
        if (deathSignal != null && deathSignal == SIGXCPU) {
            return new TestResult(test.name(), TestResult.TIMEOUT, test.edge(), "CpuTimeLimit",
                    "CPU time limit reached", 0);
        }
        String type = run.outputLimitExceeded() ? "OutputLimit"
                : run.resources().oomKills() > 0 ? "MemoryLimit"
                : deathSignal != null ? SIGNAL_NAMES.getOrDefault(deathSignal, "signal " + deathSignal) : "Exited";
        return new TestResult(test.name(), TestResult.ERROR, test.edge(), type,
                "the process ended during this test", 0);
    }

    private static void addLoadSignals(Optional<LoadFailure> loadFailure, Language language, Set<String> signals) {
        if (loadFailure.isEmpty()) {
            return;
        }
        LoadFailure failure = loadFailure.get();
        switch (failure.kind()) {
            case "syntax" -> signals.add(Signals.SYNTAX_ERROR);
            case "missing_entry_point" -> {
                signals.add(Signals.MISSING_ENTRY_POINT);
                if (failure.wrongSignature()) {
                    signals.add(Signals.WRONG_SIGNATURE);
                }
            }
            default -> signals.add(Signals.LOAD_ERROR);
        }
        if (language.missingDependency(failure.type(), failure.message())) {
            signals.add(Signals.MISSING_DEPENDENCY);
        } else if (failure.hallucinatedApi() || language.hallucinatedApi(failure.type(), failure.message())) {
            signals.add(Signals.HALLUCINATED_API);
        }
    }

    private static void addTestSignals(List<TestCase> cases, List<TestResult> tests, Transcript transcript,
            Language language, String outcome, Set<String> signals) {
        boolean edgeFailed = false;
        boolean ordinaryFailed = false;
        for (int i = 0; i < tests.size(); i++) {
            TestResult test = tests.get(i);
            if (test.passed() || TestResult.NOT_RUN.equals(test.status())) {
                continue;
            }
            if (test.edge()) {
                edgeFailed = true;
            } else {
                ordinaryFailed = true;
            }
            if (language.missingDependency(test.exceptionType(), test.message())) {
                signals.add(Signals.MISSING_DEPENDENCY);
            } else if (language.hallucinatedApi(test.exceptionType(), test.message())) {
                signals.add(Signals.HALLUCINATED_API);
            }
            if (TestResult.FAILED.equals(test.status()) && !test.edge()) {
                signals.add(Signals.WRONG_ANSWER);
            }
            boolean signature = i < transcript.results().size()
                    && Boolean.TRUE.equals(transcript.results().get(i).signature());
            if (signature) {
                signals.add(Signals.WRONG_SIGNATURE);
            } else if (TestResult.ERROR.equals(test.status())
                    && !language.outOfMemory(test.exceptionType(), test.message())) {
                signals.add(Signals.RUNTIME_ERROR);
            }
        }
        if (Outcomes.COMPLETED.equals(outcome) && edgeFailed && !ordinaryFailed) {
            signals.add(Signals.EDGE_CASE_ONLY_FAILURE);
        }
    }

    private static void addResourceSignals(RawRun run, Transcript transcript, boolean outOfMemory, boolean cpuLimit,
            Integer deathSignal, List<TestResult> tests, Set<String> signals) {
        if (run.timedOut()) {
            signals.add(Signals.TIMEOUT);
        }
        if (cpuLimit) {
            signals.add(Signals.TIMEOUT);
            signals.add(Signals.CPU_LIMIT);
        }
        if (outOfMemory) {
            signals.add(Signals.MEMORY_LIMIT);
        }
        if (run.outputLimitExceeded()) {
            signals.add(Signals.OUTPUT_LIMIT);
        }
        if (run.outputTruncated()) {
            signals.add(Signals.OUTPUT_TRUNCATED);
        }
        if (deathSignal != null && !run.timedOut() && !run.outputLimitExceeded() && !cpuLimit && !outOfMemory) {
            signals.add(Signals.CRASHED);
        }
        boolean fileTooLarge = deathSignal != null && deathSignal == SIGXFSZ;
        boolean diskFull = false;
        for (TestResult test : tests) {
            String text = test.message() == null ? "" : test.message();
            fileTooLarge |= text.contains("File too large") || text.contains("EFBIG");
            diskFull |= text.contains("No space left on device") || text.contains("ENOSPC");
        }
        if (fileTooLarge) {
            signals.add(Signals.FILE_SIZE_LIMIT);
        }
        if (diskFull) {
            signals.add(Signals.DISK_FULL);
        }
        for (String kind : transcript.evidence().keySet()) {
            signals.add(EVIDENCE_SIGNALS.get(kind));
        }
        List<String> violations = new ArrayList<>();
        for (String kind : transcript.evidence().keySet()) {
            String signal = EVIDENCE_SIGNALS.get(kind);
            if (signal.startsWith("violation:")) {
                violations.add(signal);
            }
        }
        if (run.resources().processLimitHits() > 0) {
            violations.add(Signals.violation(Signals.PROCESS_LIMIT));
        }
        // the harness counts what outlived the code in its own pid namespace; without one (isolation=none)
        // the cgroup sweep after the run is the evidence
        if (transcript.lingering() > 0 || run.strays() > 0) {
            violations.add(Signals.violation(Signals.LINGERING_PROCESS));
        }
        if (transcript.violations() > 0 || run.malformedRecords() > 0) {
            violations.add(Signals.violation(Signals.RESULTS_TAMPERED));
        }
        if (!violations.isEmpty()) {
            signals.add(Signals.SANDBOX_VIOLATION);
            signals.addAll(violations);
        }
    }

    /** The signal that ended the code: from the end record, or from the launcher's exit status (128 + signal). */
    private static Integer deathSignal(RawRun run, Transcript transcript) {
        HarnessRecord end = transcript.end();
        if (end != null && end.signal() != null) {
            return end.signal();
        }
        if (end == null && run.exitCode() != null && run.exitCode() > 128 && run.exitCode() < 160) {
            return run.exitCode() - 128;
        }
        return null;
    }

    private static String crashMessage(Transcript transcript, Integer deathSignal, RawRun run) {
        if (deathSignal != null) {
            return "the code was killed by " + SIGNAL_NAMES.getOrDefault(deathSignal, "signal " + deathSignal);
        }
        if (transcript.end() == null) {
            return "the code ended the process before its tests finished (exit " + run.exitCode() + ")";
        }
        return "the code exited before its tests finished (exit "
                + (transcript.end().exit() == null ? "?" : transcript.end().exit()) + ")";
    }

    private static String describe(LoadFailure failure) {
        String type = failure.type() == null ? "" : failure.type() + ": ";
        return type + (failure.message() == null ? "" : failure.message());
    }

    private static String tail(String output) {
        String trimmed = output.strip();
        return trimmed.length() <= 500 ? trimmed : "..." + trimmed.substring(trimmed.length() - 500);
    }
}
