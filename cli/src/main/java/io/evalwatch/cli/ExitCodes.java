package io.evalwatch.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * What the command line's exit code means, decided here and nowhere else: scripts tell a regression, a typo, a stack
 * that is down and a server that said no apart by the code alone.
 */
public final class ExitCodes {

    /** Everything worked; for gate: no significant regression. */
    public static final int OK = 0;
    /**
     * A check failed: a gate regression, a missing prerequisite, a failed model check or environment build, a suite
     * task found in training data.
     */
    public static final int FAILED = 1;
    /** The command line was wrong: an unknown option, a missing or malformed argument (picocli's own code). */
    public static final int USAGE = CommandLine.ExitCode.USAGE;
    /** The stack could not be reached: a service is not running or not where the URL says. */
    public static final int UNREACHABLE = 3;
    /** A service refused the request (it answered 4xx or 5xx); the message says what it objected to. */
    public static final int REFUSED = 4;
    /**
     * Nothing to report or judge yet: no run, a run not completed in time or ended incomplete, a gate without
     * baseline or valid run.
     */
    public static final int INCOMPLETE = 5;

    /** The table ./evalwatch --help ends with; README.md's "Command line" shows the same (a test compares them). */
    static final Map<String, String> TABLE = table(
            OK, "ok (gate: no significant regression)",
            FAILED, "a check failed: a gate regression, a missing prerequisite, a failed model check, an invalid suite,"
                    + " a suite task found in training data (suites overlap)",
            USAGE, "usage error: an unknown option, a missing or malformed argument",
            UNREACHABLE, "could not reach the stack (start it with ./evalwatch up, or give the service URLs)",
            REFUSED, "the server refused the request (it answered 4xx or 5xx; the message says why)",
            INCOMPLETE, "nothing to report or judge yet: no run yet, a run not completed in time or ended incomplete,"
                    + " a gate without a baseline or a valid run");

    private ExitCodes() {
    }

    /** A failure with its exit code, for the cases an ApiException does not describe. */
    public static final class Failure extends RuntimeException {
        private final int code;

        public Failure(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** The code for an exception a command threw: the one place exceptions turn into exit codes. */
    public static int of(Throwable e) {
        if (e instanceof EvalwatchApi.ApiException api) {
            return api.status() == 0 ? UNREACHABLE : REFUSED;
        }
        if (e instanceof Failure failure) {
            return failure.code();
        }
        return FAILED;
    }

    /** Prints the message (never a stack trace: they are meant for the person at the terminal) and maps the code. */
    static final CommandLine.IExecutionExceptionHandler HANDLER = (e, commandLine, parseResult) -> {
        commandLine.getErr().println("error: " + e.getMessage());
        return of(e);
    };

    private static Map<String, String> table(Object... codesAndMeanings) {
        Map<String, String> table = new LinkedHashMap<>();
        for (int i = 0; i < codesAndMeanings.length; i += 2) {
            table.put(codesAndMeanings[i].toString(), codesAndMeanings[i + 1].toString());
        }
        return table;
    }
}
