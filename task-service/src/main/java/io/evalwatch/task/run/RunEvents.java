package io.evalwatch.task.run;

import io.evalwatch.events.RunStarted;
import io.evalwatch.events.TaskDispatched;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes a run's events and waits for the broker to acknowledge every one, so a run is never stored as
 * started while its items were not sent (the caller's transaction rolls back on failure).
 */
@ApplicationScoped
public class RunEvents {

    private static final int BATCH = 200;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    @Channel("runs")
    MutinyEmitter<RunStarted> runs;

    @Channel("tasks")
    MutinyEmitter<TaskDispatched> tasks;

    /**
     * Sends with the caller's transaction suspended (it resumes afterwards, and still rolls back if a send fails):
     * context propagation would otherwise bind the transaction to the Kafka producer's network thread that completes
     * the acknowledgements, and a commit that finds it active on two threads fails now and then, under load
     * ("Enlisted connection used without active transaction").
     */
    public void publish(RunPlan plan) {
        QuarkusTransaction.suspendingExisting().run(() -> send(plan));
    }

    private void send(RunPlan plan) {
        runs.sendMessage(keyed(plan.started().runId(), plan.started())).await().atMost(ACK_TIMEOUT);
        List<Uni<Void>> pending = new ArrayList<>();
        for (TaskDispatched item : plan.items()) {
            pending.add(tasks.sendMessage(keyed(item.itemId(), item)));
            if (pending.size() == BATCH) {
                awaitAll(pending);
            }
        }
        awaitAll(pending);
    }

    private static void awaitAll(List<Uni<Void>> pending) {
        if (!pending.isEmpty()) {
            Uni.join().all(pending).andFailFast().await().atMost(ACK_TIMEOUT);
            pending.clear();
        }
    }

    private static <T> Message<T> keyed(String key, T payload) {
        return Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }
}
