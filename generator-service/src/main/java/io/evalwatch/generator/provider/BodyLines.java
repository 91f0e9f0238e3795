package io.evalwatch.generator.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

/**
 * Receives a response body line by line on the HTTP client's thread and stamps each line with
 * {@link System#nanoTime()} the moment it is handed over: no parsing happens here, so the stamp is as close to
 * the bytes arriving as the JDK client allows. Keeps at most {@code maxChars} characters.
 */
final class BodyLines implements Flow.Subscriber<String> {

    private final int maxChars;
    private final List<TimedLine> lines = new ArrayList<>();
    private int chars;
    private boolean overflowed;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;
    private volatile long completedNanos;

    BodyLines(int maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(String line) {
        long now = System.nanoTime();
        synchronized (this) {
            if (chars + line.length() <= maxChars) {
                lines.add(new TimedLine(line, now));
                chars += line.length() + 1;
            } else {
                overflowed = true;
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        // the response future reports the failure
    }

    @Override
    public void onComplete() {
        completedNanos = System.nanoTime();
    }

    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    synchronized List<TimedLine> snapshot() {
        return List.copyOf(lines);
    }

    synchronized boolean overflowed() {
        return overflowed;
    }

    /** When the body ended, or 0 if it has not. */
    long completedNanos() {
        return completedNanos;
    }

    synchronized String text() {
        StringBuilder out = new StringBuilder(chars);
        for (TimedLine line : lines) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(line.text());
        }
        return out.toString();
    }
}
