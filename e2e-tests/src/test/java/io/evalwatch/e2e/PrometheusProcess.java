package io.evalwatch.e2e;

import io.evalwatch.localstack.ChildProcesses;
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
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A Prometheus-project server (Prometheus or Alertmanager, from the Debian packages) as a child process on
 * 127.0.0.1, ready once its {@code /-/ready} answers 200.
 */
final class PrometheusProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final String baseUrl;
    private final Path log;

    private PrometheusProcess(String name, Process process, String baseUrl, Path log) {
        this.name = name;
        this.process = process;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /** The installed binary, or a failure that says how to install it. */
    static Path binary(String program, String debianPackage) {
        for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(program + " is not installed: apt-get install " + debianPackage
                + " (.ci/run installs it)");
    }

    static PrometheusProcess start(String name, Path binary, List<String> arguments, int port, Path log,
            Duration readyTimeout) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            PrometheusProcess started = new PrometheusProcess(name, process, "http://127.0.0.1:" + port, log);
            started.awaitReady(readyTimeout);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    private void awaitReady(Duration timeout) {
        try {
            Awaitility.await(name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(200)).until(this::ready);
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s; its log:\n"
                    + tail());
        }
    }

    private boolean ready() throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with " + process.exitValue() + "; its log:\n" + tail());
        }
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/-/ready")).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    @Override
    public void close() {
        ChildProcesses.stop(process.toHandle(), Duration.ofSeconds(10));
    }
}
