package io.evalwatch.e2e;

import io.evalwatch.cli.EvalwatchApi;
import io.evalwatch.localstack.LocalStack;
import java.nio.file.Path;

/**
 * One isolated local stack for the end-to-end tests of this JVM: the packaged services as child processes on free
 * ports, a real Kafka broker, real PostgreSQL databases with an "_e2e" suffix, started once and stopped at exit.
 */
final class StackFixture {

    private static LocalStack stack;

    private StackFixture() {
    }

    static Path root() {
        return Path.of(System.getProperty("evalwatch.root", "..")).toAbsolutePath().normalize();
    }

    static synchronized LocalStack stack() {
        if (stack == null) {
            LocalStack started = LocalStack.builder(root())
                    .stateDir(root().resolve("e2e-tests/target/e2e-stack"))
                    .isolated("_e2e")
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.stop(line -> { })));
            started.start(line -> System.out.println("[stack] " + line));
            stack = started;
        }
        return stack;
    }

    static EvalwatchApi api() {
        LocalStack s = stack();
        return new EvalwatchApi(s.url("task-service"), s.url("reporting-service"));
    }
}
