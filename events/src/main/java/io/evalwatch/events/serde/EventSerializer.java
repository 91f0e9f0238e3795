package io.evalwatch.events.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes any event as JSON with {@link EventJson}'s mapping. */
public class EventSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object event) {
        if (event == null) {
            return null;
        }
        try {
            return EventJson.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + event.getClass().getSimpleName() + " for " + topic, e);
        }
    }
}
