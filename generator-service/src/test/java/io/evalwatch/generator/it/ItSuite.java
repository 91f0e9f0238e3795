package io.evalwatch.generator.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.TestCase;
import io.evalwatch.generator.testing.EvalTopics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/** The acceptance tests' suite, read the way task-service sends it: as TaskSpecs inside TaskDispatched. */
public final class ItSuite {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ItSuite() {
    }

    public static List<TaskSpec> tasks() {
        Path dir = ItStack.resource("it/suites/" + ItStack.SUITE + "/tasks");
        try (Stream<Path> files = Files.list(dir)) {
            List<TaskSpec> tasks = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                JsonNode t = YAML.readTree(file.toFile());
                List<TestCase> tests = new ArrayList<>();
                t.path("tests").forEach(c -> tests.add(new TestCase(c.path("name").asText(), c.path("code").asText(),
                        c.path("edge").asBoolean(false))));
                tasks.add(new TaskSpec(t.path("id").asText(), t.path("category").asText(),
                        TaskKind.valueOf(t.path("kind").asText().toUpperCase(Locale.ROOT)), t.path("language").asText(),
                        t.path("prompt").asText(), t.path("entry_point").asText(), tests,
                        t.path("timeout_seconds").asDouble(5), List.of()));
            }
            return tasks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String newRun(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** {@code count} items for a model, spread over the suite's tasks, samples numbered from 0. */
    public static List<TaskDispatched> items(String runId, String model, int count) {
        List<TaskSpec> tasks = tasks();
        List<TaskDispatched> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TaskSpec task = tasks.get(i % tasks.size());
            items.add(EvalTopics.item(runId, model, i / tasks.size(), task));
        }
        return items;
    }
}
