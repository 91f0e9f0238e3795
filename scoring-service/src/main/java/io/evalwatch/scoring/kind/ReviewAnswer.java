package io.evalwatch.scoring.kind;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The findings a review answer reports, read tolerantly from its output: a JSON array of findings or an object
 * {"findings": [...]} (or one finding on its own), fenced or among prose. A finding has file, line, severity,
 * category and explanation; its line may be a number, a string ("12", "12-14", "line 12") or given as
 * {@code lines: [a, b]}; a range counts by its first line, the line a reviewer points at. A finding without a file
 * or a line cannot be placed: it is left out and counted as unparsable. Pure.
 */
record ReviewAnswer(List<Reported> findings, int unparsable) {

    /** One reported finding, its file normalised (AnswerJson.normalisePath). */
    record Reported(String file, int line, String category, String severity) {
    }

    private static final Pattern LINE = Pattern.compile("\\d{1,9}");

    ReviewAnswer {
        findings = List.copyOf(findings);
    }

    /** The findings of an answer; empty when it holds no readable JSON of findings (a format failure). */
    static Optional<ReviewAnswer> parse(String output) {
        return AnswerJson.find(output, ReviewAnswer::findingsLike).map(ReviewAnswer::of);
    }

    /** An array that is empty or holds an object, or an object with findings or with a file: not "see [1]". */
    private static boolean findingsLike(JsonNode node) {
        if (node.isArray()) {
            return node.isEmpty() || hasObject(node);
        }
        return node.isObject() && (node.path("findings").isArray() || node.has("file"));
    }

    private static boolean hasObject(JsonNode array) {
        for (JsonNode element : array) {
            if (element.isObject()) {
                return true;
            }
        }
        return false;
    }

    private static ReviewAnswer of(JsonNode node) {
        JsonNode list = node.isArray() ? node : node.path("findings").isArray() ? node.get("findings") : null;
        List<JsonNode> elements = new ArrayList<>();
        if (list == null) {
            elements.add(node);
        } else {
            list.forEach(elements::add);
        }
        List<Reported> findings = new ArrayList<>();
        int unparsable = 0;
        for (JsonNode element : elements) {
            String file = element.isObject() ? AnswerJson.normalisePath(AnswerJson.text(element, "file", "path"))
                    : null;
            Integer line = element.isObject() ? line(element) : null;
            if (file == null || line == null) {
                unparsable++;
                continue;
            }
            findings.add(new Reported(file, line, AnswerJson.text(element, "category"),
                    AnswerJson.text(element, "severity")));
        }
        return new ReviewAnswer(findings, unparsable);
    }

    /** The reported line: line (number or text), else the first of lines (array or text); null when none. */
    static Integer line(JsonNode finding) {
        for (String name : new String[] {"line", "lines", "start_line"}) {
            JsonNode value = finding.get(name);
            if (value != null && value.isArray() && !value.isEmpty()) {
                value = value.get(0);
            }
            if (value == null || value.isNull()) {
                continue;
            }
            if (value.isIntegralNumber()) {
                return value.asInt();
            }
            if (value.isTextual()) {
                Matcher m = LINE.matcher(value.asText());
                if (m.find()) {
                    return Integer.parseInt(m.group());
                }
            }
        }
        return null;
    }
}
