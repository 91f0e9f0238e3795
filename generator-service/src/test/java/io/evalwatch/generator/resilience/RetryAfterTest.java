package io.evalwatch.generator.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-11-21T10:00:00Z");

    private static Optional<Duration> parse(Map<String, String> headers) {
        return RetryAfter.parse(headers::get, NOW);
    }

    @Test
    void readsDelaySeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), parse(Map.of("retry-after", "3")));
        assertEquals(Optional.of(Duration.ofMillis(1500)), parse(Map.of("retry-after", " 1.5 ")));
    }

    @Test
    void readsAnHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), parse(Map.of("retry-after", "Fri, 21 Nov 2025 10:00:30 GMT")));
        assertEquals(Optional.of(Duration.ZERO), parse(Map.of("retry-after", "Fri, 21 Nov 2025 09:00:00 GMT")));
    }

    @Test
    void prefersMilliseconds() {
        assertEquals(Optional.of(Duration.ofMillis(250)), parse(Map.of("retry-after-ms", "250", "retry-after", "1")));
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertEquals(Optional.empty(), parse(Map.of()));
        assertEquals(Optional.empty(), parse(Map.of("retry-after", "soon")));
        assertEquals(Optional.empty(), parse(Map.of("retry-after", "-5")));
        assertEquals(Optional.of(Duration.ofSeconds(2)), parse(Map.of("retry-after-ms", "x", "retry-after", "2")));
    }
}
