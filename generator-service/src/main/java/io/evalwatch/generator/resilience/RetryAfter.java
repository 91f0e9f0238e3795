package io.evalwatch.generator.resilience;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads how long a vendor asked us to wait: {@code retry-after-ms} (OpenAI, milliseconds) first, then
 * {@code Retry-After} as delay-seconds (fractions tolerated) or as an HTTP-date.
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** @param header looks up a response header by lower-case name, null when absent */
    public static Optional<Duration> parse(Function<String, String> header, Instant now) {
        String millis = header.apply("retry-after-ms");
        if (millis != null) {
            try {
                double ms = Double.parseDouble(millis.trim());
                if (ms >= 0 && Double.isFinite(ms)) {
                    return Optional.of(Duration.ofNanos(Math.round(ms * 1_000_000)));
                }
            } catch (NumberFormatException ignored) {
                // fall back to Retry-After
            }
        }
        String value = header.apply("retry-after");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            double seconds = Double.parseDouble(v);
            return seconds >= 0 && Double.isFinite(seconds)
                    ? Optional.of(Duration.ofNanos(Math.round(seconds * 1_000_000_000L)))
                    : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(now, at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
