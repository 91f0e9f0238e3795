package io.evalwatch.generator.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * Assembles server-sent events from body lines (the WHATWG event-stream rules): {@code data:} lines join with
 * newlines, a blank line ends an event, lines starting with ':' are comments, one space after the colon is dropped.
 * An event left open when the stream ends is kept, so a server that omits the final blank line loses nothing.
 * An event is stamped with the arrival of its first data line.
 * <p>
 * One deviation from the standard, on purpose: llama.cpp's server (before it moved to {@code data: {"error":...}})
 * wrote errors as an {@code error:} field, which a standard reader ignores; an error that is ignored becomes a
 * truncated answer. Such a field is read as the data of an event named {@code error}.
 */
public final class SseReader {

    private SseReader() {
    }

    public static List<SseEvent> events(List<TimedLine> lines) {
        List<SseEvent> events = new ArrayList<>();
        String event = null;
        StringBuilder data = null;
        long firstAt = 0;
        for (TimedLine line : lines) {
            String text = line.text();
            if (text.isEmpty()) {
                if (data != null) {
                    events.add(new SseEvent(event == null ? "message" : event, data.toString(), firstAt));
                }
                event = null;
                data = null;
                continue;
            }
            if (text.startsWith(":")) {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("error")) {
                event = "error";
                field = "data";
            }
            if (field.equals("data")) {
                if (data == null) {
                    data = new StringBuilder(value);
                    firstAt = line.arrivedNanos();
                } else {
                    data.append('\n').append(value);
                }
            } else if (field.equals("event")) {
                event = value;
            }
            // id: and retry: carry nothing a one-shot completion stream needs
        }
        if (data != null) {
            events.add(new SseEvent(event == null ? "message" : event, data.toString(), firstAt));
        }
        return events;
    }
}
