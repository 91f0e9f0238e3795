package io.evalwatch.task.rest;

import io.evalwatch.task.suite.Suite;
import io.evalwatch.task.suite.SuiteCatalog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import java.util.List;
import org.jboss.resteasy.reactive.RestPath;

/** The golden suites on disk, with their versions and any problems that make them unusable. */
@Path("/api/suites")
public class SuiteResource {

    private final SuiteCatalog suites;

    public SuiteResource(SuiteCatalog suites) {
        this.suites = suites;
    }

    @GET
    public List<SuiteCatalog.SuiteStatus> list() {
        return suites.statuses();
    }

    @GET
    @Path("/{name}")
    public SuiteView get(@RestPath String name) {
        Suite suite = suites.find(name).orElseThrow(() -> new NotFoundException("no suite " + name));
        return new SuiteView(suite.name(), suite.version(), suite.description(),
                suite.tasks().stream().map(t -> new TaskSummary(t.id(), t.category(), t.kind().name().toLowerCase(),
                        t.language(), t.entryPoint(), t.tests().size(),
                        (int) t.tests().stream().filter(x -> x.edge()).count())).toList());
    }

    /** A suite's tasks without their references. */
    public record SuiteView(String name, String version, String description, List<TaskSummary> tasks) {
    }

    /** One task, summarised. */
    public record TaskSummary(String id, String category, String kind, String language, String entryPoint, int tests,
            int edgeTests) {
    }

}
