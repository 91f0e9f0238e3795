package io.evalwatch.sandbox.messaging;

import io.evalwatch.events.ExecutionCompleted;
import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.TaskKind;
import io.evalwatch.events.TaskSpec;
import io.evalwatch.sandbox.execution.ExecutionRequest;
import io.evalwatch.sandbox.execution.ExecutionResult;
import io.evalwatch.sandbox.isolation.LimitsOverride;
import io.evalwatch.sandbox.service.ExecutionService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Executes every generation that needs it and publishes one ExecutionCompleted per item, keyed by itemId.
 * Runs on the bounded "sandbox-workers" pool (one worker per slot); Kafka's consumer pauses when the pool is
 * busy, so no queue builds up in memory. The input is committed only after the output is acknowledged.
 */
@ApplicationScoped
public class GenerationProcessor {

    /** A consumer never gives up an item for lack of a slot: REST calls hold slots only briefly. */
    private static final Duration SLOT_WAIT = Duration.ofMinutes(30);

    private final ExecutionService executions;

    public GenerationProcessor(ExecutionService executions) {
        this.executions = executions;
    }

    @Incoming("generations")
    @Outgoing("executions")
    @Blocking(value = "sandbox-workers", ordered = false)
    public Record<String, ExecutionCompleted> execute(GenerationCompleted generation)
            throws InterruptedException, TimeoutException {
        if (generation == null) {
            // a record the deserializer could not read: the nack sends it to the dead-letter topic
            throw new IllegalArgumentException("record on eval.generations is not a readable GenerationCompleted");
        }
        if (!generation.needsExecution()) {
            return null; // scoring takes unexecuted generations directly from eval.generations
        }
        // the task's environment (null: the plain sandbox), resolved to the lock its run started with
        ExecutionResult result = executions.execute(requestFor(generation), generation.task().environment(),
                SLOT_WAIT);
        ExecutionCompleted event = new ExecutionCompleted(ExecutionCompleted.SCHEMA_VERSION, generation.itemId(),
                generation.runId(), generation, result.outcome(), result.tests(), result.signals(),
                result.staticAnalysis(), result.isolation(), result.durationSeconds(), Instant.now());
        return Record.of(generation.itemId(), event);
    }

    static ExecutionRequest requestFor(GenerationCompleted generation) {
        TaskSpec task = generation.task();
        LimitsOverride limits = new LimitsOverride(task.timeoutSeconds() > 0 ? task.timeoutSeconds() : null, null,
                task.memoryMb(), null, null, null, null, null);
        // a completion's answer is a middle: the sandbox runs the completed file, and its raw answer is never a
        // program by itself, so the directly-executable measure does not apply
        boolean completion = task.kind() == TaskKind.COMPLETION && task.hole() != null;
        String code = generation.code() == null || generation.code().isBlank() ? generation.code()
                : task.executableCode(generation.code());
        String reference = task.reference() == null ? null : task.executableCode(task.reference());
        return new ExecutionRequest(task.language(), code, task.entryPoint(), task.tests(), limits,
                completion ? null : generation.output(), true, null, reference);
    }
}
