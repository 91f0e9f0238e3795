package io.evalwatch.generator.judge;

import io.evalwatch.events.GenerationCompleted;
import io.evalwatch.events.JudgeCompleted;
import io.evalwatch.events.TaskDispatched;
import io.evalwatch.generator.config.GeneratorConfig;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

/**
 * Judges items after their generation was published, on a pool of its own, and publishes each
 * {@link JudgeCompleted} on eval.judgements. Judging never holds up the generation stage: the GenerationCompleted is
 * sent (and its input acknowledged) unchanged, and only then is the item queued here. A judgement is best effort:
 * one lost to a restart leaves its item unjudged, which reports count.
 */
@ApplicationScoped
public class Judgements {

    private static final Logger LOG = Logger.getLogger(Judgements.class);

    @Inject
    JudgeService judges;

    @Inject
    @Channel("judgements")
    Emitter<JudgeCompleted> emitter;

    @Inject
    GeneratorConfig config;

    private ExecutorService pool;

    @PostConstruct
    void start() {
        AtomicInteger threads = new AtomicInteger();
        int concurrency = config.judge().concurrency();
        pool = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "judge-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    /** Queues the item for judging when it carries a judge and its answer has code; otherwise does nothing. */
    public void submit(TaskDispatched item, GenerationCompleted generation) {
        if (!JudgeService.wanted(item, generation)) {
            return;
        }
        pool.execute(() -> {
            try {
                publish(judges.judge(item, generation));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warnf(e, "item %s: judging failed", item.itemId());
            }
        });
    }

    /** Sends and waits for the broker's acknowledgement, so the pool is the only buffer. */
    private void publish(JudgeCompleted judgement) throws InterruptedException {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        emitter.send(Message.of(judgement,
                Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(judgement.itemId()).build()),
                () -> {
                    sent.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    sent.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                }));
        try {
            sent.get();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warnf(e.getCause(), "item %s: the judgement could not be published", judgement.itemId());
        }
    }
}
