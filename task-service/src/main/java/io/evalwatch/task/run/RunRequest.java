package io.evalwatch.task.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a user asks for: a suite, the models to evaluate, samples per task (for pass@k), optionally a subset of the
 * suite's tasks, whether the run is a CI gate, the named series (a comparison stream) it belongs to, and the prompt
 * variants to run (null: base only).
 */
public record RunRequest(String suite, List<String> models, Integer samples, List<String> tasks, Boolean gate,
        String series, List<String> variants) {

    /** Fields only task-service sets: a client that could set them could pass a manual run off as a monitor's. */
    static final List<String> SERVICE_FIELDS = List.of("trigger", "monitor");
    static final Pattern SERIES = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

    public RunRequest(String suite, List<String> models, Integer samples, List<String> tasks) {
        this(suite, models, samples, tasks, null, null, null);
    }

    public RunRequest(String suite, List<String> models, Integer samples, List<String> tasks, Boolean gate,
            String series) {
        this(suite, models, samples, tasks, gate, series, null);
    }

    public boolean isGate() {
        return Boolean.TRUE.equals(gate);
    }

    /**
     * Reads a request body, refusing fields that only task-service sets and values of the wrong type, each with
     * the field it concerns. Other unknown fields are ignored, as everywhere in the API.
     */
    public static RunRequest fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRunException("body", "a JSON body {suite, models, samples} is required");
        }
        List<String> forged = SERVICE_FIELDS.stream().filter(body::has).toList();
        if (!forged.isEmpty()) {
            throw new InvalidRunException(String.join(",", forged), String.join(" and ", forged)
                    + (forged.size() > 1 ? " are" : " is") + " set by task-service and cannot be requested: trigger"
                    + " is manual, or gate with \"gate\": true; monitor runs start from monitors.yaml"
                    + " (POST /api/monitors/{name}/runs); name a comparison stream with \"series\"");
        }
        JsonNode gate = body.get("gate");
        if (gate != null && !gate.isNull() && !gate.isBoolean()) {
            throw new InvalidRunException("gate", "gate must be true or false, was " + gate);
        }
        JsonNode samples = body.get("samples");
        if (samples != null && !samples.isNull() && !samples.canConvertToInt()) {
            throw new InvalidRunException("samples", "samples must be a whole number, was " + samples);
        }
        return new RunRequest(text(body, "suite"), texts(body, "models"),
                samples == null || samples.isNull() ? null : samples.asInt(), texts(body, "tasks"),
                gate == null || gate.isNull() ? null : gate.asBoolean(), text(body, "series"),
                texts(body, "variants"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidRunException(field, field + " must be a string, was " + value);
        }
        return value.asText();
    }

    private static List<String> texts(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new InvalidRunException(field, field + " must be a list of names, was " + value);
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new InvalidRunException(field, field + " must be a list of names, has " + item);
            }
            texts.add(item.asText());
        }
        return texts;
    }
}
