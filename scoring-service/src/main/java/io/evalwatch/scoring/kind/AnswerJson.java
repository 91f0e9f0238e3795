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
 * what models write by hand: trailing commas, single quotes, unquoted keys, comments. A value that starts inside
 * one that broke (an array cut short, a missing comma) is a fragment of a malformed answer, never the answer: the
 * first finding of a truncated list is not read as the whole list. Pure.
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
            int brokenUntil = -1;
            for (int i = 0; i < text.length() && attempts < MAX_ATTEMPTS; i++) {
                char c = text.charAt(i);
                if (c != '[' && c != '{' || i < brokenUntil) {
                    continue;
                }
                attempts++;
                Parsed parsed = parseAt(text, i);
                if (parsed.value() == null) {
                    brokenUntil = Math.max(brokenUntil, parsed.brokenUntil());
                } else if (acceptable.test(parsed.value())) {
                    return Optional.of(parsed.value());
                }
            }
        }
        return Optional.empty();
    }

    /** A value read from a start position, or how far the text it broke on reaches. */
    private record Parsed(JsonNode value, int brokenUntil) {
    }

    private static Parsed parseAt(String text, int start) {
        try (JsonParser parser = LENIENT.createParser(text.substring(start))) {
            return new Parsed(LENIENT.readTree(parser), -1);
        } catch (IOException | RuntimeException e) {
            return new Parsed(null, closingBracket(text, start) + 1);
        }
    }

    /**
     * Where the bracket opened at {@code start} closes (brackets inside double-quoted strings not counted), or the
     * end of the text when it never does: everything before is part of the value that broke.
     */
    static int closingBracket(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if ((c == ']' || c == '}') && --depth == 0) {
                return i;
            }
        }
        return text.length();
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
