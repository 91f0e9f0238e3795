package io.evalwatch.task.suite;

import io.evalwatch.task.config.TaskServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The suites on disk. Read on every call: suites are small, and an edited suite must be seen by the next run
 * without a restart (and refused there if it declares a version that already ran with other content).
 */
@ApplicationScoped
public class SuiteCatalog {

    private final Path dir;
    private final SuiteLoader loader = new SuiteLoader();

    public SuiteCatalog(TaskServiceConfig config) {
        this.dir = Path.of(config.suites().dir());
    }

    public Path dir() {
        return dir;
    }

    public List<String> names() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve("suite.yaml")))
                    .map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The suite by name, or empty when there is no such folder; throws when it exists but is invalid. */
    public Optional<Suite> find(String name) {
        if (!SuiteLoader.ID.matcher(name).matches() || !names().contains(name)) {
            return Optional.empty();
        }
        return Optional.of(loader.load(dir.resolve(name)));
    }

    /** A suite as listed by the API. */
    public record SuiteStatus(String name, String version, String description, int tasks, List<String> problems) {
    }
}
