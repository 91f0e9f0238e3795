package io.evalwatch.events.serde;

import io.evalwatch.events.TaskDispatched;

/** Kafka deserializer for {@link TaskDispatched}. */
public class TaskDispatchedDeserializer extends EventDeserializer<TaskDispatched> {

    public TaskDispatchedDeserializer() {
        super(TaskDispatched.class);
    }
}
