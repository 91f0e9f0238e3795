package io.evalwatch.sandbox.environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A command the builders run on the host (dpkg-query, pip), with what it printed. Never inside the sandbox. */
final class HostCommand {

    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private HostCommand() {
    }

    /**
     * Runs argv with a minimal environment plus extra, stderr merged into stdout.
     *
     * @throws IOException the command could not be started, or took longer than timeoutSeconds (it is killed)
     */
    static Result run(List<String> argv, Map<String, String> extra, Path workingDir, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("LANG", "C.UTF-8");
        builder.environment().putAll(extra);
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        Process process = builder.start();
        process.getOutputStream().close();
        // read on another thread, so a command that hangs with its output open still meets the timeout
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> {
            try {
                return process.getInputStream().readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        });
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IOException(String.join(" ", argv) + " took longer than " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(output.join(), StandardCharsets.UTF_8));
    }

    static Result run(List<String> argv) throws IOException, InterruptedException {
        return run(argv, Map.of(), null, 120);
    }
}
