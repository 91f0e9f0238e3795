package io.evalwatch.simulator.service;

import io.evalwatch.simulator.config.SimulatorConfig;
import io.evalwatch.simulator.task.SimTask;
import io.evalwatch.simulator.task.TaskCatalog;
import io.evalwatch.simulator.task.TaskFiles;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The tasks the simulator recognises: every suite's tasks at start, plus tasks registered through the admin API. */
@Startup
@ApplicationScoped
public class TaskRegistry {

    private static final Logger LOG = Logger.getLogger(TaskRegistry.class);

    private final SimulatorConfig config;
    private final TaskCatalog catalog = new TaskCatalog();
    private volatile List<SimTask> ordered = List.of();

    public TaskRegistry(SimulatorConfig config) {
        this.config = config;
    }

    @PostConstruct
    void load() {
        Path suites = ConfigPaths.resolve(config.suitesDir());
        if (!Files.isDirectory(suites)) {
            LOG.warnf("no suites folder at %s: only tasks registered through POST /admin/tasks will be recognised",
                    suites.toAbsolutePath());
            return;
        }
        // one broken task file must not take the whole simulated vendor down
        List<SimTask> tasks = TaskFiles.loadSuites(suites, bad -> LOG.errorf("skipped a task file: %s",
                bad.getMessage()));
        register(tasks);
        LOG.infof("loaded %d task(s) from %s", tasks.size(), suites.toAbsolutePath());
    }

    public synchronized void register(Collection<SimTask> tasks) {
        catalog.register(tasks);
        ordered = catalog.all();
    }

    public Optional<SimTask> match(String userMessage) {
        return catalog.match(userMessage);
    }

    public Optional<SimTask> find(String id) {
        return catalog.find(id);
    }

    /** Every task ordered by id. */
    public List<SimTask> all() {
        return ordered;
    }
}
