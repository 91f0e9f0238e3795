package io.evalwatch.events.serde;

import io.evalwatch.events.GenerationCompleted;

/** Kafka deserializer for {@link GenerationCompleted}. */
public class GenerationCompletedDeserializer extends EventDeserializer<GenerationCompleted> {

    public GenerationCompletedDeserializer() {
        super(GenerationCompleted.class);
    }
}
