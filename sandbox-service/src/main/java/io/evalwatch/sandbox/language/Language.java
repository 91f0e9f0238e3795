package io.evalwatch.sandbox.language;

import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.isolation.Limits;
import io.evalwatch.sandbox.isolation.Program;
import io.evalwatch.sandbox.isolation.SandboxPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A language the sandbox runs: the command and input files that run a solution under its test harness, and
 * how to read that language's failures. Every harness speaks the same record protocol on fd 3 (see
 * {@link io.evalwatch.sandbox.execution.Transcript}); adding a language is a harness plus one of these.
 */
public interface Language {

    /**
     * Called once the harness files are on the host, before any run: a chance to prepare them (the Python
     * harness is compiled ahead, so no run pays for compiling it).
     */
    default void prepareHarness(Path hostHarnessDir) {
    }

    /** The name tasks use, e.g. python. */
    String name();

    /** Other names accepted for it, e.g. py. */
    default List<String> aliases() {
        return List.of();
    }

    /** Whether entryPoint can be called from this language's tests (and is safe to put into generated code). */
    boolean validEntryPoint(String entryPoint);

    Program program(ExecutionRequest request, SandboxPaths paths, Limits limits);

    /**
     * The command of a long-lived interpreter a slot can fork this language's runs from (paths as seen inside),
     * for a language whose programs carry a {@link Program#forkSpec()}; empty where every run launches.
     */
    default Optional<List<String>> forkServerCommand(String harnessDir) {
        return Optional.empty();
    }

    /**
     * The program of a long-lived server that compiles this language's runs ahead of them (paths as seen inside), for
     * a language whose programs carry a {@link io.evalwatch.sandbox.isolation.Precompile}; waits at most wait for the
     * harness to be prepared. Empty where runs compile themselves.
     */
    default Optional<Program> compileServer(java.time.Duration wait) {
        return Optional.empty();
    }

    /**
     * Whether this language's harness, started with a pipe on stdin, waits there for one byte before it reads its
     * run's input files: its sandbox can then be launched ahead of the run and handed the run when it comes.
     */
    default boolean waitsForHandOver() {
        return false;
    }

    /** Seconds added to a task's time limit for interpreter or compiler start-up. */
    double startupSeconds();

    /** An exception that means the code used a module, name or attribute that does not exist. */
    boolean hallucinatedApi(String exceptionType, String message);

    /**
     * The module or package an exception says could not be found, when it is one a registry could provide (npm, Maven)
     * rather than one of the runtime's own: the code needs a dependency its run's environment lacks. Empty for any
     * other exception. The verdict reports such a failure as missing_dependency instead of hallucinated_api.
     *
     * <p>What this can and cannot tell: the sandbox does not ask a registry at verdict time (no network per verdict),
     * so a name is judged by its shape alone. A plausible package name that is not installed is missing_dependency
     * whether or not it exists in the registry, so a package the model invented is counted there too; a name in the
     * runtime's own namespace (a {@code node:} built-in, {@code java.*}, {@code javax.*}) stays hallucinated_api.
     * The name is in the verdict's message, for a report that wants to check it against a registry offline.
     */
    default Optional<String> missingModule(String exceptionType, String message) {
        return Optional.empty();
    }

    /**
     * An exception that means the code imported a package that exists but that the run's environment does not
     * provide: {@code missing_dependency} rather than {@code hallucinated_api}. By default a package name judged by
     * its shape ({@link #missingModule}); Python asks the host's distribution whether the package exists.
     */
    default boolean missingDependency(String exceptionType, String message) {
        return missingModule(exceptionType, message).isPresent();
    }

    /** An exception that means the code ran out of memory. */
    boolean outOfMemory(String exceptionType, String message);

    /** Whether the runtime's own output says it ran out of memory (a runtime that aborts instead of throwing). */
    default boolean outputSaysOutOfMemory(String output) {
        return false;
    }

    /** A load failure visible only in the output, when the harness never reported one. */
    default Optional<LoadFailure> loadFailureFromOutput(ExecutionRequest request, String output) {
        return Optional.empty();
    }
}
