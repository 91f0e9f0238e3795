package io.evalwatch.events.serde;

import io.evalwatch.events.JudgeCompleted;

/** Kafka deserializer for {@link JudgeCompleted}. */
public class JudgeCompletedDeserializer extends EventDeserializer<JudgeCompleted> {

    public JudgeCompletedDeserializer() {
        super(JudgeCompleted.class);
    }
}
