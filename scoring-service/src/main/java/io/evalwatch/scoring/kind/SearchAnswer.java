package io.evalwatch.scoring.kind;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ranked locations a search answer lists, read tolerantly from its output (like review's findings): a JSON
 * array of {file, symbol} objects or of strings "path", "path:symbol", "path::symbol", or an object holding such an
 * array under locations, results or answers; fenced or among prose. An entry without a file keeps its rank (the
 * model spent it) with a null file, which hits nothing. Pure.
 */
record SearchAnswer(List<Location> locations) {

    /** A reported location, its file normalised (AnswerJson.normalisePath) and its symbol (Location#symbol). */
    record Location(String file, String symbol) {

        Location {
            symbol = normaliseSymbol(symbol);
        }
    }

    private static final List<String> LIST_FIELDS = List.of("locations", "results", "answers");
    /** A symbol after a single colon: not a line number ("app.py:12" names no symbol). */
    private static final Pattern SYMBOL = Pattern.compile("[A-Za-z_][\\w.]*(?:\\(\\))?");

    SearchAnswer {
        locations = List.copyOf(locations);
    }

    /** The locations of an answer; empty when it holds no readable JSON list of locations (a format failure). */
    static Optional<SearchAnswer> parse(String output) {
        return AnswerJson.find(output, SearchAnswer::locationsLike).map(SearchAnswer::of);
    }

    private static boolean locationsLike(JsonNode node) {
        JsonNode list = list(node);
        if (list == null) {
            return false;
        }
        if (list.isEmpty()) {
            return true;
        }
        for (JsonNode element : list) {
            if (element.isObject() || element.isTextual()) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode list(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        for (String field : LIST_FIELDS) {
            if (node.path(field).isArray()) {
                return node.get(field);
            }
        }
        return null;
    }

    private static SearchAnswer of(JsonNode node) {
        List<Location> locations = new ArrayList<>();
        for (JsonNode element : list(node)) {
            if (element.isObject()) {
                locations.add(new Location(AnswerJson.normalisePath(AnswerJson.text(element, "file", "path")),
                        AnswerJson.text(element, "symbol")));
            } else if (element.isTextual()) {
                locations.add(fromText(element.asText()));
            } else {
                locations.add(new Location(null, null));
            }
        }
        return new SearchAnswer(locations);
    }

    /** "path", "path::symbol" or "path:symbol" (the last colon; what follows must look like a symbol). */
    static Location fromText(String text) {
        String t = text.strip();
        int doubleColon = t.indexOf("::");
        if (doubleColon >= 0) {
            return new Location(AnswerJson.normalisePath(t.substring(0, doubleColon)), t.substring(doubleColon + 2));
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && SYMBOL.matcher(t.substring(colon + 1).strip()).matches()) {
            return new Location(AnswerJson.normalisePath(t.substring(0, colon)), t.substring(colon + 1));
        }
        return new Location(AnswerJson.normalisePath(colon > 0 ? t.substring(0, colon) : t), null);
    }

    /** A symbol as compared: trimmed, a trailing call's parentheses dropped ("total()" is total); null when blank. */
    static String normaliseSymbol(String symbol) {
        if (symbol == null) {
            return null;
        }
        String s = symbol.strip().replaceFirst("\\(.*\\)$", "").strip();
        return s.isEmpty() ? null : s;
    }
}
