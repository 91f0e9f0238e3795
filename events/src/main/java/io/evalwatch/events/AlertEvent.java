package io.evalwatch.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Events on {@link Topics#ALERTS}: run completions and drift findings share the topic, told apart by "type".
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RunCompleted.class, name = "RunCompleted"),
        @JsonSubTypes.Type(value = DriftAlert.class, name = "DriftAlert")
})
public interface AlertEvent {

    String runId();
}
