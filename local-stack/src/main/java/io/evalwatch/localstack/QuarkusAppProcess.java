package io.evalwatch.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A packaged Quarkus application ({@code target/quarkus-app/quarkus-run.jar}) running as a child process, ready
 * once {@code /q/health/ready} answers 200. Its output goes to a log file, so it outlives the JVM that started it.
 */
public final class QuarkusAppProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int httpPort;
    private final Process process;
    private final Path logFile;

    private QuarkusAppProcess(String name, int httpPort, Process process, Path logFile) {
        this.name = name;
        this.httpPort = httpPort;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts the app with the given system properties and environment (a null value: the variable is removed) and
     * waits until it is ready.
     */
    public static QuarkusAppProcess start(String name, Path quarkusRunJar, int httpPort,
            Map<String, String> systemProperties, Map<String, String> environment, Path logFile, Duration readyTimeout) {
        return start(name, quarkusRunJar, httpPort, systemProperties, environment, logFile, readyTimeout,
                List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), null);
    }

    /** As {@link #start(String, Path, int, Map, Map, Path, Duration)} with explicit JVM options and working dir. */
    public static QuarkusAppProcess start(String name, Path quarkusRunJar, int httpPort,
            Map<String, String> systemProperties, Map<String, String> environment, Path logFile, Duration readyTimeout,
            List<String> jvmOptions, Path workingDir) {
        if (!Files.isRegularFile(quarkusRunJar)) {
            throw new IllegalStateException(name + " is not built: " + quarkusRunJar
                    + " is missing (run: mvn -B -DskipTests install)");
        }
        if (!FreePorts.isFree(httpPort)) {
            // its readiness check would be answered by whatever holds the port
            throw new IllegalStateException("cannot start " + name + ": port " + httpPort + " is in use by another"
                    + " process (see: ss -ltnp 'sport = :" + httpPort + "')");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + httpPort);
        systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-jar");
        command.add(quarkusRunJar.toAbsolutePath().toString());
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            if (workingDir != null) {
                builder.directory(workingDir.toFile());
            }
            // a null value removes a variable the child would otherwise inherit
            environment.forEach((k, v) -> {
                if (v == null) {
                    builder.environment().remove(k);
                } else {
                    builder.environment().put(k, v);
                }
            });
            QuarkusAppProcess app = new QuarkusAppProcess(name, httpPort, builder.start(), logFile);
            app.awaitReady(readyTimeout);
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True when the app at this port answers its readiness check. */
    public static boolean isReady(int httpPort) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the service on this port answers ready within {@code timeout}, asking every 200 ms. */
    public static boolean isReadyWithin(int httpPort, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isReady(httpPort)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before it was"
                        + " ready; see " + logFile + tail());
            }
            if (isReady(httpPort)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        close();
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + logFile + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return "\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process.toHandle(), Duration.ofSeconds(15));
    }
}
