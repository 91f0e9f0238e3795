package io.evalwatch.events.serde;

import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads one event type from JSON; one small subclass per type so Kafka can instantiate it by class name. */
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
        try {
            return EventJson.mapper().readValue(data, type);
        } catch (IOException e) {
            throw new SerializationException("record on " + topic + " is not a valid " + type.getSimpleName()
                    + ": " + e.getMessage(), e);
        }
    }
}
