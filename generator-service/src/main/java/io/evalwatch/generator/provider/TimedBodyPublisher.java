package io.evalwatch.generator.provider;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;

/**
 * A request body that notes when the HTTP client takes it to write on the connection (right after the request
 * line and headers): the closest the JDK client lets us get to "the request left". Everything the client does
 * before that (queueing for a connection, scheduling its internal tasks) is client overhead, not model latency.
 */
final class TimedBodyPublisher implements HttpRequest.BodyPublisher {

    private final HttpRequest.BodyPublisher body;
    private volatile long takenNanos;

    TimedBodyPublisher(byte[] bytes) {
        this.body = HttpRequest.BodyPublishers.ofByteArray(bytes);
    }

    /** When the body was first taken, or 0 if it has not been. */
    long takenNanos() {
        return takenNanos;
    }

    @Override
    public long contentLength() {
        return body.contentLength();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        body.subscribe(new Flow.Subscriber<ByteBuffer>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscriber.onSubscribe(subscription);
            }

            @Override
            public void onNext(ByteBuffer item) {
                if (takenNanos == 0) {
                    takenNanos = System.nanoTime();
                }
                subscriber.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                subscriber.onError(throwable);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        });
    }
}
