package io.evalwatch.cli.importer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.evalwatch.events.TestCase;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a suite folder (suite.yaml and tasks/ID.yaml) all at once: into a hidden folder beside the target, then
 * renamed into place. If anything fails, the hidden folder is removed and the target never appears.
 */
public final class SuiteWriter {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private SuiteWriter() {
    }

    /** memoryMb: every task's memory_mb, or null to leave the sandbox's default. */
    public static void write(Path target, ObjectNode suite, List<ImportedTask> tasks, Integer memoryMb)
            throws ImportException {
        if (Files.exists(target)) {
            throw new ImportException(target + " already exists; choose another --as or remove it first");
        }
        Path parent = target.toAbsolutePath().getParent();
        Path staging = null;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".import-");
            Path taskDir = Files.createDirectory(staging.resolve("tasks"));
            for (ImportedTask task : tasks) {
                Files.writeString(taskDir.resolve(task.id() + ".yaml"),
                        YAML.writeValueAsString(taskNode(task, memoryMb)));
            }
            Files.writeString(staging.resolve("suite.yaml"), YAML.writeValueAsString(suite));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staging, target);
            }
            staging = null;
        } catch (IOException e) {
            throw new ImportException("could not write " + target + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    static ObjectNode taskNode(ImportedTask task, Integer memoryMb) {
        ObjectNode node = YAML.createObjectNode();
        node.put("id", task.id());
        node.put("category", task.category());
        node.put("kind", task.kind());
        node.put("language", "python");
        node.put("entry_point", task.entryPoint());
        if (task.timeoutSeconds() == Math.rint(task.timeoutSeconds())) {
            node.put("timeout_seconds", (long) task.timeoutSeconds());
        } else {
            node.put("timeout_seconds", task.timeoutSeconds());
        }
        if (memoryMb != null) {
            node.put("memory_mb", memoryMb);
        }
        node.put("prompt", task.prompt());
        ArrayNode tests = node.putArray("tests");
        for (TestCase test : task.tests()) {
            ObjectNode t = tests.addObject();
            t.put("name", test.name());
            if (test.edge()) {
                t.put("edge", true);
            }
            t.put("code", test.code());
        }
        node.put("reference", task.reference());
        ArrayNode tags = node.putArray("tags");
        task.tags().forEach(tags::add);
        return node;
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // only when the file system refuses to delete: the hidden .NAME.import-* folder then stays, and
            // task-service never reads it (it is not a suite name)
        }
    }
}
