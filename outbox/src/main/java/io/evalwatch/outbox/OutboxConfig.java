package io.evalwatch.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the outbox relay runs in a service that writes events through the outbox. */
@ConfigMapping(prefix = "evalwatch.outbox")
public interface OutboxConfig {

    /** Off for an instance that should only write (another instance relays); rows wait until one relays them. */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often the relay looks for rows when no commit woke it (a commit through the outbox wakes it at once). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows sent per relay transaction. */
    @WithDefault("100")
    int batchSize();

    /** How long a send may wait for the broker's acknowledgement before it counts as failed and is retried. */
    @WithDefault("60s")
    Duration sendTimeout();

    /** How long sent rows are kept (for inspection) before they are pruned. */
    @WithDefault("1h")
    Duration retention();
}
