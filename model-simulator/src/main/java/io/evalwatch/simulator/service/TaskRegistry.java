package io.evalwatch.simulator.service;

import io.evalwatch.simulator.config.SimulatorConfig;
import io.evalwatch.simulator.task.SimTask;
import io.evalwatch.simulator.task.SimTwins;
import io.evalwatch.simulator.task.TaskCatalog;
import io.evalwatch.simulator.task.TaskFileException;
import io.evalwatch.simulator.task.TaskFiles;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tasks the simulator recognises: every suite's tasks, plus tasks registered through the admin API. The suites
 * folder is read at start and read again when asked (POST /admin/tasks/reload) or when a prompt matches no known
 * task, at most once per {@link #RESCAN_INTERVAL_NANOS}: a suite imported while the simulator runs is then known
 * from its first request on. A rescan reads only task files that are new or whose modification time or size
 * changed; tasks whose files disappeared stay known.
 */
@Startup
@ApplicationScoped
public class TaskRegistry {

    private static final Logger LOG = Logger.getLogger(TaskRegistry.class);
    static final long RESCAN_INTERVAL_NANOS = 1_000_000_000L;

    /** What one scan of the suites folder did. */
    public record Scan(int files, List<SimTask> loaded, int skipped, int total) {
    }

    private record FileStamp(long modifiedMillis, long size) {
    }

    private final SimulatorConfig config;
    private final TaskCatalog catalog = new TaskCatalog();
    // the contamination twins of the known tasks: recognised and answered, but never a neighbour or listed task
    private final TaskCatalog twins = new TaskCatalog();
    private final Map<Path, FileStamp> seen = new HashMap<>();
    private volatile List<SimTask> ordered = List.of();
    private volatile long lastScanNanos;

    public TaskRegistry(SimulatorConfig config) {
        this.config = config;
    }

    @PostConstruct
    void load() {
        Path suites = suitesDir();
        if (!Files.isDirectory(suites)) {
            LOG.warnf("no suites folder at %s (yet): tasks registered through POST /admin/tasks are recognised, and "
                    + "suites that appear there later are read when an unknown prompt arrives", suites.toAbsolutePath());
            lastScanNanos = System.nanoTime();
            return;
        }
        Scan scan = rescan();
        LOG.infof("loaded %d task(s) from %s", scan.loaded().size(), suites.toAbsolutePath());
    }

    /** Reads the task files of the suites folder that are new or changed since the last scan. */
    public synchronized Scan rescan() {
        lastScanNanos = System.nanoTime();
        Path suites = suitesDir();
        List<SimTask> loaded = new ArrayList<>();
        int files = 0;
        int skipped = 0;
        for (Path file : taskFiles(suites)) {
            files++;
            FileStamp stamp = stamp(file);
            if (stamp == null || stamp.equals(seen.get(file))) {
                continue;
            }
            try {
                loaded.add(TaskFiles.load(file));
                seen.put(file, stamp);
            } catch (TaskFileException bad) {
                // one broken task file must not take the whole simulated vendor down; read it again once it changes
                seen.put(file, stamp);
                skipped++;
                LOG.errorf("skipped a task file: %s", bad.getMessage());
            }
        }
        if (!loaded.isEmpty()) {
            register(loaded);
        }
        return new Scan(files, List.copyOf(loaded), skipped, ordered.size());
    }

    /**
     * Makes sure the folder was read after {@code askedAtNanos} (when an unknown prompt arrived), at most once a
     * second: a flood of unknown prompts shares one folder listing, and none is answered from a listing older than
     * itself (it waits for the next one instead, under a second). Returns the tasks this call newly read, possibly
     * none: another prompt's scan may have read them.
     */
    public List<SimTask> rescanSince(long askedAtNanos) {
        synchronized (this) {
            if (lastScanNanos - askedAtNanos > 0) {
                return List.of(); // a scan began after the prompt arrived
            }
            long wait = lastScanNanos + RESCAN_INTERVAL_NANOS - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait); // others wait here and then see the new scan
            }
            Scan scan = rescan();
            if (!scan.loaded().isEmpty()) {
                LOG.infof("learned %d task(s) from %s", scan.loaded().size(), suitesDir().toAbsolutePath());
            }
            return scan.loaded();
        }
    }

    public synchronized void register(Collection<SimTask> tasks) {
        catalog.register(tasks);
        List<SimTask> made = new ArrayList<>();
        for (SimTask task : tasks) {
            try {
                SimTwins.of(task).ifPresent(made::add);
            } catch (RuntimeException e) {
                LOG.warnf("task %s: no twin (%s)", task.id(), e.getMessage());
            }
        }
        twins.register(made);
        ordered = catalog.all();
    }

    /** The known task (or a known task's twin) whose prompt the message holds; see {@link TaskCatalog#match}. */
    public Optional<SimTask> match(String userMessage) {
        return TaskCatalog.closer(catalog.match(userMessage), twins.match(userMessage));
    }

    /** Whether a matched task is a known task's contamination twin. */
    public boolean isTwin(SimTask task) {
        return task != null && twins.find(task.id()).filter(t -> t == task).isPresent();
    }

    public Optional<SimTask> find(String id) {
        return catalog.find(id);
    }

    /** Every task ordered by id. */
    public List<SimTask> all() {
        return ordered;
    }

    private Path suitesDir() {
        return ConfigPaths.resolve(config.suitesDir());
    }

    private static List<Path> taskFiles(Path suites) {
        try {
            return TaskFiles.taskFiles(suites);
        } catch (TaskFileException e) {
            LOG.warn(e.getMessage());
            return List.of();
        }
    }

    private static FileStamp stamp(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime().toMillis(), attributes.size());
        } catch (IOException e) {
            return null; // gone between listing and reading
        }
    }
}
