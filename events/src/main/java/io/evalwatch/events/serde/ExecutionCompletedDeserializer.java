package io.evalwatch.events.serde;

import io.evalwatch.events.ExecutionCompleted;

/** Kafka deserializer for {@link ExecutionCompleted}. */
public class ExecutionCompletedDeserializer extends EventDeserializer<ExecutionCompleted> {

    public ExecutionCompletedDeserializer() {
        super(ExecutionCompleted.class);
    }
}
