package io.evalwatch.generator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the generator treats vendor trouble (evalwatch.generator.*). */
@ConfigMapping(prefix = "evalwatch.generator")
public interface GeneratorConfig {

    Retry retry();

    Breaker breaker();

    Judge judge();

    Dedup dedup();

    /** Items already generated, read back from eval.generations (see GenerationsLog). */
    interface Dedup {
        /** How far back eval.generations is read at start: longer than an item can wait for a redelivery. */
        @WithDefault("PT24H")
        Duration lookback();

        /** The longest the first items wait for that read; after it they go on without it. */
        @WithDefault("PT2M")
        Duration catchUpTimeout();
    }

    /** LLM judgements of items whose suite names a judge. */
    interface Judge {
        /** Items judged at once by this instance (each judge model's max_concurrency still applies). */
        @WithDefault("8")
        int concurrency();
    }

    /** Bounded retries: exponential backoff with jitter unless the vendor sent Retry-After. */
    interface Retry {
        /** Attempts per item, the first one included. */
        @WithDefault("4")
        int maxAttempts();

        @WithDefault("PT0.5S")
        Duration initialBackoff();

        @WithDefault("PT20S")
        Duration maxBackoff();

        /** A vendor asking to come back later than this makes the item fail now instead of holding a worker. */
        @WithDefault("PT60S")
        Duration maxRetryAfter();
    }

    /** The per-model circuit breaker. */
    interface Breaker {
        /** Consecutive failed attempts (server errors, timeouts, broken connections) that open the breaker. */
        @WithDefault("5")
        int failureThreshold();

        /** How long an open breaker rejects calls before it lets one probe through. */
        @WithDefault("PT30S")
        Duration openFor();
    }
}
