package io.evalwatch.scoring.kind;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JSON value a model's answer holds, tolerantly: inside ``` fences (json or not) first, then anywhere in
 * the text, prose around it ignored. The first value that parses and that the caller accepts wins. Lenient about
 * what models write by hand: trailing commas, single quotes, unquoted keys, comments. Pure.
 */
final class AnswerJson {

    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();
    private static final Pattern FENCE = Pattern.compile("```[\\w-]*[^\\S\\n]*\\n?(.*?)```", Pattern.DOTALL);
    /** Start positions tried per answer: each failed try is cheap, but an answer full of brackets should not cost. */
    static final int MAX_ATTEMPTS = 200;

    private AnswerJson() {
    }

    /** The first acceptable JSON array or object of the answer; empty when there is none (absent or malformed). */
    static Optional<JsonNode> find(String output, Predicate<JsonNode> acceptable) {
        if (output == null || output.isBlank()) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        Matcher fence = FENCE.matcher(output);
        while (fence.find()) {
            candidates.add(fence.group(1));
        }
        candidates.add(output);
        int attempts = 0;
        for (String text : candidates) {
            for (int i = 0; i < text.length() && attempts < MAX_ATTEMPTS; i++) {
                char c = text.charAt(i);
                if (c != '[' && c != '{') {
                    continue;
                }
                attempts++;
                JsonNode value = parseAt(text, i);
                if (value != null && acceptable.test(value)) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode parseAt(String text, int start) {
        try (JsonParser parser = LENIENT.createParser(text.substring(start))) {
            return LENIENT.readTree(parser);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A field's text (strings as they are, numbers as written); null when absent, null or blank. */
    static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode field = node.get(name);
            if (field != null && field.isValueNode() && !field.isNull() && !field.asText().isBlank()) {
                return field.asText().strip();
            }
        }
        return null;
    }

    /** A path as reported, compared case-sensitively: whitespace and leading "./" removed. */
    static String normalisePath(String path) {
        if (path == null) {
            return null;
        }
        String p = path.strip();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p.isEmpty() ? null : p;
    }
}
