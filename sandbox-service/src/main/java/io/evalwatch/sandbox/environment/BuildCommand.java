package io.evalwatch.sandbox.environment;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a host build tool (npm, mvn) for an environment part: output lines go to the progress consumer as they
 * come, the last lines are kept for error messages, and the tool and everything it started are killed at the
 * timeout.
 */
final class BuildCommand {

    /** Lines kept for reading the tool's errors. */
    private static final int KEPT_LINES = 200;

    /** What the tool said and how it ended. */
    record Outcome(int exitCode, List<String> lastLines) {
        String tail(int lines) {
            return String.join("\n", lastLines.subList(Math.max(0, lastLines.size() - lines), lastLines.size()));
        }
    }

    private BuildCommand() {
    }

    static Outcome run(List<String> command, Path workingDir, Map<String, String> environment, Duration timeout,
            Consumer<String> progress) throws EnvironmentBuildException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EnvironmentBuildException("cannot start " + command.get(0) + ": " + e.getMessage(), null, e);
        }
        Deque<String> kept = new ArrayDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (kept) {
                        kept.addLast(line);
                        if (kept.size() > KEPT_LINES) {
                            kept.removeFirst();
                        }
                    }
                    progress.accept(line);
                }
            } catch (IOException e) {
                // the tool is gone; its exit code tells the rest
            }
        }, "environment-build-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new EnvironmentBuildException(command.get(0) + " did not finish within " + timeout, null);
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new EnvironmentBuildException(command.get(0) + " was interrupted", null, e);
        }
        synchronized (kept) {
            return new Outcome(process.exitValue(), List.copyOf(kept));
        }
    }
}
