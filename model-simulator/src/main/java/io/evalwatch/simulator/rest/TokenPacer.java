package io.evalwatch.simulator.rest;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * Writes a reply's tokens on time without blocking: token 0 at the time to first token, token i at
 * {@code ttft + i / tokensPerSecond}, all measured from the request's arrival, with Vert.x timers on the request's
 * event loop. Deadlines are absolute, so timer delays never add up to drift.
 */
final class TokenPacer {

    // a token due within this much is written now rather than after another timer round
    private static final long SLACK_NANOS = 1_000_000;

    private final Vertx vertx;
    private final HttpServerResponse response;
    private final long firstDueNanos;
    private final double intervalNanos;
    private final int tokens;
    private final IntConsumer onToken;
    private final Runnable onEnd;
    private final LongConsumer lateness;
    private int next;
    private long timer = -1;

    private TokenPacer(Vertx vertx, HttpServerResponse response, long arrivedNanos, double ttftMillis,
                       double tokensPerSecond, int tokens, IntConsumer onToken, Runnable onEnd,
                       LongConsumer lateness) {
        this.vertx = vertx;
        this.response = response;
        this.firstDueNanos = arrivedNanos + (long) (ttftMillis * 1_000_000);
        this.intervalNanos = 1_000_000_000.0 / tokensPerSecond;
        this.tokens = tokens;
        this.onToken = onToken;
        this.onEnd = onEnd;
        this.lateness = lateness;
    }

    /**
     * Starts pacing; onToken(i) is called for every token in order, then onEnd, unless the client went away.
     * lateness receives how late (ns) the first token was written, which shows the pacing's own accuracy.
     */
    static void start(Vertx vertx, HttpServerResponse response, long arrivedNanos, double ttftMillis,
                      double tokensPerSecond, int tokens, IntConsumer onToken, Runnable onEnd,
                      LongConsumer lateness) {
        TokenPacer pacer = new TokenPacer(vertx, response, arrivedNanos, ttftMillis, tokensPerSecond, tokens, onToken,
                onEnd, lateness);
        response.closeHandler(ignored -> pacer.cancel());
        pacer.tick();
    }

    /** Calls action once at arrival + delay (for non-streaming replies, which arrive when the last token would). */
    static void at(Vertx vertx, HttpServerResponse response, long arrivedNanos, double delayMillis, Runnable action) {
        start(vertx, response, arrivedNanos, delayMillis, 1, 0, i -> { }, action, late -> { });
    }

    private long due(int index) {
        return firstDueNanos + (long) (index * intervalNanos);
    }

    private void tick() {
        timer = -1;
        if (response.closed() || response.ended()) {
            return;
        }
        long now = System.nanoTime();
        if (next == 0 && tokens > 0 && due(0) <= now + SLACK_NANOS) {
            lateness.accept(now - due(0));
        }
        while (next < tokens && due(next) <= now + SLACK_NANOS) {
            onToken.accept(next++);
        }
        long wakeAt = next < tokens ? due(next) : due(Math.max(0, tokens - 1));
        if (next >= tokens && wakeAt <= now + SLACK_NANOS) {
            onEnd.run();
            return;
        }
        long delayMillis = Math.max(1, Math.round((wakeAt - now) / 1_000_000.0));
        timer = vertx.setTimer(delayMillis, id -> tick());
    }

    private void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }
}
