import io.evalwatch.localstack.LocalStack;
import io.evalwatch.localstack.ServiceSpec;
import io.evalwatch.localstack.testing.CheckoutSuffix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline benchmark's own local stack: free ports, its own state folder and databases (suffix "_bench" and the
 * checkout's tag), its generated suite and zero-latency model, so it never touches another stack on the machine.
 *
 * <pre>
 * java -cp cli/target/evalwatch-cli.jar bench/pipeline/PipelineStack.java start ROOT WORK   # writes WORK/stack.json
 * java -cp cli/target/evalwatch-cli.jar bench/pipeline/PipelineStack.java stop ROOT WORK
 * </pre>
 *
 * The services outlive this program (as with ./evalwatch up); stop finds them again through WORK/stack/pids.
 */
public class PipelineStack {

    /** Apart from the default sandbox (64000) and the sandbox tests' ranges (64100-64300). */
    static final String SANDBOX_UID_BASE = "64500";

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !List.of("start", "stop").contains(args[0])) {
            System.err.println("usage: PipelineStack start|stop ROOT WORK");
            System.exit(2);
        }
        Path root = Path.of(args[1]).toAbsolutePath().normalize();
        Path work = Path.of(args[2]).toAbsolutePath().normalize();
        LocalStack.Builder builder = LocalStack.builder(root).stateDir(work.resolve("stack"));
        if (args[0].equals("stop")) {
            builder.build().stop(line -> System.err.println("  " + line));
            return;
        }
        String models = work.resolve("models.yaml").toString();
        LocalStack stack = builder
                .isolated("_bench" + CheckoutSuffix.of(root))
                .freshDatabases()
                .property("task-service", "evalwatch.suites.dir", work.resolve("suites").toString())
                .property("task-service", "evalwatch.models.file", models)
                // no scheduled monitor may start a run of its own during the measurement
                .property("task-service", "evalwatch.monitors.file", work.resolve("monitors.yaml").toString())
                .property("generator-service", "evalwatch.models.file", models)
                .property("model-simulator", "simulator.profiles-file", work.resolve("simulator.yaml").toString())
                .property("model-simulator", "simulator.suites-dir", work.resolve("suites").toString())
                // its one model always answers with the reference, so no mistake is ever served: checking the
                // mistakes of every task with Python at start (minutes of a core for 1,000 tasks) would only
                // compete with the sandbox-alone measurement that the ratio divides by
                .property("model-simulator", "simulator.check-mutations", "false")
                .property("sandbox-service", "evalwatch.sandbox.uid-base", SANDBOX_UID_BASE)
                // ANALYSIS=off: the sandbox runs the tests only (pyflakes, mccabe, bandit and mypy cost the most)
                .property("sandbox-service", "evalwatch.sandbox.analysis.enabled",
                        Boolean.toString(!"off".equals(System.getenv("ANALYSIS"))))
                .build();
        stack.start(line -> System.err.println("  " + line));
        List<String> services = new ArrayList<>();
        for (ServiceSpec s : stack.services()) {
            services.add("\"%s\": {\"url\": \"%s\", \"pidFile\": \"%s\", \"database\": %s}".formatted(s.name(),
                    stack.url(s.name()), stack.stateDir().resolve("pids/" + s.name() + ".pid"),
                    s.database() == null ? "null" : "\"" + s.database() + "\""));
        }
        Files.writeString(work.resolve("stack.json"), """
                {"apiKeyFile": "%s", "bootstrap": "%s", "logs": "%s", "kafkaPidFile": "%s",
                 "services": {%s}}
                """.formatted(stack.apiKeyFile(), stack.bootstrapServers(), stack.logsDir(),
                stack.stateDir().resolve("pids/kafka.pid"), String.join(",\n  ", services)));
    }
}
