package io.evalwatch.generator.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void joinsDataLinesDropsCommentsAndStampsEventsWithTheirFirstLine() {
        List<SseEvent> events = SseReader.events(List.of(
                new TimedLine(": comment", 1),
                new TimedLine("event: message_start", 2),
                new TimedLine("data: {\"a\":", 3),
                new TimedLine("data:1}", 4),
                new TimedLine("", 5),
                new TimedLine("data: second", 6),
                new TimedLine("", 7),
                new TimedLine("", 8),
                new TimedLine("data: unterminated", 9)));
        assertEquals(List.of(
                new SseEvent("message_start", "{\"a\":\n1}", 3),
                new SseEvent("message", "second", 6),
                new SseEvent("message", "unterminated", 9)), events);
    }

    @Test
    void anEventLineWithoutDataIsNotAnEvent() {
        assertEquals(List.of(), SseReader.events(List.of(new TimedLine("event: ping", 1), new TimedLine("", 2))));
    }

    @Test
    void recordedOpenAiStreamHasOneEventPerChunk() {
        List<SseEvent> events = SseReader.events(RecordedStreams.lines("openai-chat-stream.txt"));
        assertEquals(10, events.size());
        assertEquals("[DONE]", events.get(9).data());
        // chunk k starts on line 2k, so it arrived at 2k ms
        assertEquals(6 * RecordedStreams.LINE_NANOS, events.get(3).arrivedNanos());
    }
}
