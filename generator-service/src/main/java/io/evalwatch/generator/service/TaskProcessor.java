package io.evalwatch.generator.service;

import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.generator.judge.JudgeService;
import io.evalwatch.generator.judge.Judgements;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.logging.Logger;

/**
 * eval.tasks in, eval.generations out, on the bounded "generation" worker pool. The outgoing message inherits the
 * incoming one's acknowledgement, so an offset is committed only after its GenerationCompleted is stored by Kafka;
 * an unexpected failure nacks it into eval.tasks.dlq. An item with an LLM judge is handed to {@link Judgements} once
 * that acknowledgement came.
 */
@ApplicationScoped
public class TaskProcessor {

    private static final Logger LOG = Logger.getLogger(TaskProcessor.class);

    @Inject
    GenerationService generation;

    @Inject
    RecentItems recent;

    @Inject
    GenerationsLog generationsLog;

    @Inject
    Judgements judgements;

    @Inject
    GenerationMetrics metrics;

    @Incoming("tasks")
    @Outgoing("generations")
    @Blocking(value = "generation", ordered = false)
    public Message<GenerationCompleted> generate(Message<TaskDispatched> message) throws InterruptedException {
        TaskDispatched item = message.getPayload();
        if (item == null || item.itemId() == null) {
            throw new IllegalArgumentException("record on eval.tasks has no TaskDispatched with an itemId");
        }
        generationsLog.awaitCaughtUp();
        if (!recent.claim(item.itemId())) {
            LOG.debugf("item %s was already taken on or generated; skipping the redelivery", item.itemId());
            metrics.duplicate();
            message.ack();
            return null;
        }
        try {
            GenerationCompleted event = generation.generate(item);
            Message<GenerationCompleted> out = message.withPayload(event)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(item.itemId()).build());
            if (!JudgeService.wanted(item, event)) {
                return out;
            }
            // judged only once the generation is stored by Kafka, so judging never delays or changes it
            return out.withAck(() -> message.ack().thenRun(() -> judgements.submit(item, event)));
        } catch (InterruptedException | RuntimeException e) {
            recent.release(item.itemId());
            throw e;
        }
    }
}
