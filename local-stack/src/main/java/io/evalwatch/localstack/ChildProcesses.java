package io.evalwatch.localstack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Stopping child processes politely first (SIGTERM, so Kafka and Quarkus shut down cleanly), then for sure. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    public static void stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> descendants = process.descendants().collect(Collectors.toList());
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timedOut) {
            process.destroyForcibly();
        }
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    public static void stop(long pid, Duration grace) {
        ProcessHandle.of(pid).ifPresent(p -> stop(p, grace));
    }
}
