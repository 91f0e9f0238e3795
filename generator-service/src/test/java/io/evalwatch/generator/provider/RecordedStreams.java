package io.evalwatch.generator.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Recorded response bodies from src/test/resources/streams, replayed as lines that arrive 1 ms apart. */
final class RecordedStreams {

    static final long LINE_NANOS = 1_000_000;

    private RecordedStreams() {
    }

    static String text(String name) {
        try (InputStream in = RecordedStreams.class.getResourceAsStream("/streams/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded stream " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<TimedLine> lines(String name) {
        List<TimedLine> lines = new ArrayList<>();
        long at = 0;
        for (String line : text(name).split("\n", -1)) {
            lines.add(new TimedLine(line, at));
            at += LINE_NANOS;
        }
        return lines;
    }
}
