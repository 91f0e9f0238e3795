package io.evalwatch.events.serde;

import io.evalwatch.events.AlertEvent;

/** Kafka deserializer for {@link AlertEvent}. */
public class AlertEventDeserializer extends EventDeserializer<AlertEvent> {

    public AlertEventDeserializer() {
        super(AlertEvent.class);
    }
}
