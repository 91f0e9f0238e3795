package io.evalwatch.task.suite;

import io.evalwatch.task.config.TaskServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The suites on disk. Read on every call: suites are small, and an edited suite must be used (with its new
 * version) by the next run without a restart.
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

    /** Every suite with its problems, for listing: an invalid suite is shown with what is wrong, not hidden. */
    public List<SuiteStatus> statuses() {
        List<SuiteStatus> statuses = new ArrayList<>();
        for (String name : names()) {
            try {
                Suite suite = loader.load(dir.resolve(name));
                statuses.add(new SuiteStatus(name, suite.version(), suite.description(), suite.tasks().size(), List.of()));
            } catch (SuiteValidationException e) {
                statuses.add(new SuiteStatus(name, null, null, 0, e.problems()));
            }
        }
        return statuses;
    }

    /** A suite as listed by the API. */
    public record SuiteStatus(String name, String version, String description, int tasks, List<String> problems) {
    }
}
