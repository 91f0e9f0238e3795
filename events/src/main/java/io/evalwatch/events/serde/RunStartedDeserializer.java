package io.evalwatch.events.serde;

import io.evalwatch.events.RunStarted;

/** Kafka deserializer for {@link RunStarted}. */
public class RunStartedDeserializer extends EventDeserializer<RunStarted> {

    public RunStartedDeserializer() {
        super(RunStarted.class);
    }
}
