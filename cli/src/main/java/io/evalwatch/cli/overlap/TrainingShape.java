package io.evalwatch.cli.overlap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The texts of one training JSONL record, by its shape: {@code {"prompt","completion"}}, {@code {"text"}},
 * {@code {"instruction","input","output"}} (Alpaca), {@code {"messages":[{"role","content"},...]}} (chat) and
 * {@code {"code"}}; any other object is read as the concatenation of its string values. Each field is compared on
 * its own and, when there are several, joined (a task's prompt in "prompt", its reference in "completion").
 */
final class TrainingShape {

    private static final List<List<String>> SHAPES = List.of(
            List.of("prompt", "completion"),
            List.of("instruction", "input", "output"),
            List.of("text"),
            List.of("code"));

    private TrainingShape() {
    }

    /** The sample's documents; a record that is not a JSON object is a bad line. */
    static List<Document> documents(JsonNode record) {
        if (!record.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + kind(record));
        }
        JsonNode messages = record.get("messages");
        if (messages != null && messages.isArray()) {
            List<Document> raw = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                JsonNode content = messages.get(i).path("content");
                if (content.isTextual()) {
                    raw.add(new Document("messages[" + i + "]", content.asText()));
                }
            }
            return Document.of(raw, "messages");
        }
        for (List<String> shape : SHAPES) {
            if (record.path(shape.get(0)).isTextual()) {
                List<Document> raw = new ArrayList<>();
                for (String field : shape) {
                    if (record.path(field).isTextual()) {
                        raw.add(new Document(field, record.get(field).asText()));
                    }
                }
                return Document.of(raw, String.join("+", shape));
            }
        }
        StringBuilder joined = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> fields = record.fields(); fields.hasNext(); ) {
            JsonNode value = fields.next().getValue();
            if (value.isTextual()) {
                joined.append(value.asText()).append('\n');
            }
        }
        return Document.of(List.of(new Document("string values", joined.toString())), "string values");
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "an array" : node.isTextual() ? "a string" : node.isNumber() ? "a number"
                : node.getNodeType().toString().toLowerCase();
    }
}
