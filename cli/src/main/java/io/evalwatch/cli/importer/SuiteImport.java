package io.evalwatch.cli.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One import: read a benchmark file in its format, measure every reference in the sandbox to set its time limit
 * (unless told not to), then write the suite folder at once. Any failure leaves the suites folder as it was.
 */
public final class SuiteImport {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,63}");

    /** What was imported: the suite folder, its tasks, and whether their time limits were measured. */
    public record Result(Path folder, List<ImportedTask> tasks, boolean measured) {
    }

    private final BenchmarkFormat format;
    private final ReferenceTimer timer;
    private final PrintStream progress;
    private final Integer memoryMb;

    /** timer null: keep the format's default time limit and do not run the references. */
    public SuiteImport(BenchmarkFormat format, ReferenceTimer timer, PrintStream progress) {
        this(format, timer, progress, null);
    }

    /**
     * memoryMb: the memory limit the references were measured under, written into every task (memory_mb) so the
     * suite is evaluated under the same limit; null for the sandbox's default.
     */
    public SuiteImport(BenchmarkFormat format, ReferenceTimer timer, PrintStream progress, Integer memoryMb) {
        this.format = format;
        this.timer = timer;
        this.progress = progress;
        this.memoryMb = memoryMb;
    }

    public Result run(Path source, Path suitesDir, String name, String version, int limit) throws ImportException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ImportException("--as '" + name + "' must match " + NAME.pattern()
                    + " (lower case letters, digits, - and _): it is the suite's folder and name");
        }
        if (!VERSION.matcher(version).matches()) {
            throw new ImportException("--version '" + version + "' must match " + VERSION.pattern());
        }
        Path target = suitesDir.resolve(name);
        if (target.toFile().exists()) {
            throw new ImportException(target + " already exists; choose another --as or remove it first");
        }
        List<ImportedTask> tasks = format.read(source, limit);
        if (tasks.isEmpty()) {
            throw new ImportException(source + " holds no problems");
        }
        Set<String> ids = new HashSet<>();
        for (ImportedTask task : tasks) {
            if (!ids.add(task.id())) {
                throw new ImportException(source + ": two problems become task id '" + task.id() + "'");
            }
        }
        say("read %d %s problems from %s", tasks.size(), format.kind(), source);
        if (timer != null) {
            tasks = timer.measure(tasks);
        } else {
            say("references not measured: every task gets the %s default of %.0f s", format.kind(),
                    format.defaultTimeoutSeconds());
        }
        ObjectNode suite = SuiteWriter.YAML.createObjectNode();
        suite.put("name", name);
        suite.put("version", version);
        suite.put("description", "imported from " + source.getFileName() + " (" + format.kind() + ", "
                + tasks.size() + " problems)");
        format.describeSuite(suite);
        SuiteWriter.write(target, suite, tasks, memoryMb);
        return new Result(target, tasks, timer != null);
    }

    private void say(String format, Object... args) {
        if (progress != null) {
            progress.printf(format + "%n", args);
        }
    }
}
