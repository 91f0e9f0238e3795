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

    /** Seconds added to a task's time limit for interpreter or compiler start-up. */
    double startupSeconds();

    /** An exception that means the code used a module, name or attribute that does not exist. */
    boolean hallucinatedApi(String exceptionType, String message);

    /**
     * An exception that means the code imported a package that exists but that the run's environment does not
     * provide: {@code missing_dependency} rather than {@code hallucinated_api}.
     */
    default boolean missingDependency(String exceptionType, String message) {
        return false;
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
