package io.evalwatch.task.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.evalwatch.task.model.ModelCatalog;
import io.evalwatch.task.suite.Suite;
import io.evalwatch.task.suite.SuiteLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorLoaderTest {

    private static final Path SUITES = Path.of("src/test/resources/suites");
    private static final Path ROOT = Path.of(System.getProperty("evalwatch.root", ".."));

    @TempDir
    Path tmp;

    private final MonitorLoader loader = loader(SUITES, Set.of("model-a", "model-b"));

    @Test
    void aMissingFileMeansNoMonitors() {
        assertEquals(List.of(), loader.load(tmp.resolve("monitors.yaml")));
    }

    @Test
    void fieldsLeftOutTakeTheirDefaults() throws IOException {
        Monitor m = loader.load(file("""
                monitors:
                  - name: weekly-mini
                    suite: mini
                    models: [model-a]
                """)).get(0);

        assertEquals(List.of(), m.problems());
        assertEquals(Monitor.DEFAULT_CRON, m.cron());
        assertEquals(1, m.samples());
        assertEquals(List.of(), m.tasks());
        assertTrue(m.enabled());
        assertTrue(m.catchUp());
        assertTrue(m.scheduled());
    }

    @Test
    void everyProblemNamesItsField() throws IOException {
        Monitor m = loader.load(file("""
                monitors:
                  - name: Bad Name
                    suite: nope
                    models: [model-a, gpt-9]
                    samples: 0
                    cron: "0 6 * * MON"
                    enabled: sometimes
                    crn: "0 0 6 ? * MON"
                """)).get(0);

        String all = String.join("\n", m.problems());
        assertTrue(all.contains("field 'name': 'Bad Name' must match"), all);
        assertTrue(all.contains("field 'suite': unknown suite 'nope'; known suites: [broken, judged, mini]"), all);
        assertTrue(all.contains("field 'models': unknown model gpt-9; configured models:"), all);
        assertTrue(all.contains("field 'samples' must be a whole number from 1 to 20, was 0"), all);
        assertTrue(all.contains("field 'cron': '0 6 * * MON' is not a Quartz cron expression"), all);
        assertTrue(all.contains("field 'enabled' must be true or false"), all);
        assertTrue(all.contains("field 'crn' is unknown"), all);
        assertEquals(7, m.problems().size(), all);
        assertFalse(m.scheduled());
    }

    @Test
    void tasksMustBelongToTheSuiteAndTheSuiteMustBeValid() throws IOException {
        List<Monitor> monitors = loader.load(file("""
                monitors:
                  - name: subset
                    suite: mini
                    models: [model-b]
                    tasks: [add, missing-task]
                  - name: on-broken-suite
                    suite: broken
                    models: [model-b]
                """));

        assertEquals(List.of("field 'tasks': suite 'mini' has no task 'missing-task'"), monitors.get(0).problems());
        assertTrue(monitors.get(1).problems().get(0).startsWith("field 'suite': suite 'broken' is invalid"),
                monitors.get(1).problems().toString());
    }

    @Test
    void anInvalidMonitorDoesNotStopTheOthersAndNamesAreUnique() throws IOException {
        List<Monitor> monitors = loader.load(file("""
                monitors:
                  - name: first
                    suite: mini
                    models: [model-a]
                  - suite: mini
                    models: [model-a]
                  - name: first
                    suite: mini
                    models: [model-b]
                """));

        assertTrue(monitors.get(0).valid());
        assertEquals("#2", monitors.get(1).name());
        assertEquals(List.of("field 'name' is required"), monitors.get(1).problems());
        assertTrue(monitors.get(2).problems().get(0).contains("already the name of monitor #1"));
    }

    @Test
    void aDisabledMonitorIsValidButNotScheduled() throws IOException {
        Monitor m = loader.load(file("""
                monitors:
                  - {name: off, suite: mini, models: [model-a], enabled: false, catch_up: false}
                """)).get(0);

        assertTrue(m.valid());
        assertFalse(m.scheduled());
        assertFalse(m.catchUp());
    }

    @Test
    void modelsCannotBeCheckedWithoutTheCatalogue() throws IOException {
        MonitorLoader blind = new MonitorLoader(suites(SUITES), List.of("mini"), null, "model catalogue is missing", 20);

        Monitor m = blind.load(file("monitors: [{name: m, suite: mini, models: [model-a]}]")).get(0);

        assertEquals(List.of("field 'models' cannot be checked: model catalogue is missing"), m.problems());
    }

    @Test
    void aFileThatIsNotAListOfMonitorsIsRejectedAsAWhole() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> loader.load(file("monitors: {name: x}")));
        assertThrows(IllegalArgumentException.class, () -> loader.load(file("monitors: [unclosed")));
    }

    @Test
    void theBundledMonitorsAreValid() {
        MonitorLoader bundled = loader(ROOT.resolve("suites"),
                ModelCatalog.names(ROOT.resolve("config/models.yaml")));

        List<Monitor> monitors = bundled.load(ROOT.resolve("config/monitors.yaml"));

        Monitor weekly = monitors.stream().filter(m -> m.name().equals("weekly-starter")).findFirst().orElseThrow();
        assertEquals(List.of(), weekly.problems());
        assertEquals("starter", weekly.suite());
        assertEquals(List.of("sim-alpha", "sim-beta"), weekly.models());
        assertEquals(3, weekly.samples());
        assertEquals(Monitor.DEFAULT_CRON, weekly.cron());
        assertTrue(weekly.scheduled());
        assertFalse(weekly.catchUp(), "a fresh stack does not run it before its first Monday");
    }

    private Path file(String yaml) throws IOException {
        Path file = Files.createTempFile(tmp, "monitors", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static MonitorLoader loader(Path suitesDir, Set<String> models) {
        List<String> names;
        try (var entries = Files.list(suitesDir)) {
            names = entries.filter(p -> Files.isRegularFile(p.resolve("suite.yaml")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new MonitorLoader(suites(suitesDir), names, models, null, 20);
    }

    private static Function<String, Optional<Suite>> suites(Path dir) {
        SuiteLoader suiteLoader = new SuiteLoader();
        return name -> Files.isRegularFile(dir.resolve(name).resolve("suite.yaml"))
                ? Optional.of(suiteLoader.load(dir.resolve(name))) : Optional.empty();
    }
}
