package io.evalwatch.events.serde;

import java.io.IOException;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads one event type from JSON and refuses what a stage must not act on (see {@link EventContracts}); one small
 * subclass per type so Kafka can instantiate it by class name. A refusal is a {@link SerializationException}: with
 * {@code fail-on-deserialization-failure=false} the channel goes on and the record lands in its dead-letter topic.
 */
public abstract class EventDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        T event;
        try {
            event = EventJson.mapper().readValue(data, type);
        } catch (IOException e) {
            throw new SerializationException("record on " + topic + " is not a valid " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
        if (event == null) {
            throw new SerializationException("record on " + topic + " is JSON null, not a " + type.getSimpleName());
        }
        List<String> problems = EventContracts.problems(event);
        if (!problems.isEmpty()) {
            throw new SerializationException("record on " + topic + " is a " + type.getSimpleName()
                    + " that cannot be processed: " + String.join("; ", problems));
        }
        return event;
    }
}
