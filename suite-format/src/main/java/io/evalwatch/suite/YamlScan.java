package io.evalwatch.suite;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where each value of a YAML document is: one pass with the YAML parser recording, for every JSON pointer
 * ({@code /tests/0/code}), the line and column of its key (of the value itself for list items). Binding errors and
 * Bean Validation violations name a path; this turns the path into a place in the file.
 */
final class YamlScan {

    /** A 1-based line and column. */
    record Location(int line, int column) {
        static final Location START = new Location(1, 1);
    }

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final Map<String, Location> locations;
    private final String syntaxError;
    private final Location syntaxErrorAt;

    private YamlScan(Map<String, Location> locations, String syntaxError, Location syntaxErrorAt) {
        this.locations = locations;
        this.syntaxError = syntaxError;
        this.syntaxErrorAt = syntaxErrorAt;
    }

    /** Scans text; a document that does not parse yields what was scanned before the error, and the error. */
    static YamlScan of(String text) {
        Map<String, Location> locations = new HashMap<>();
        locations.put("", Location.START);
        String syntaxError = null;
        Location syntaxErrorAt = Location.START;
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                JsonLocation at = p.currentTokenLocation();
                locations.putIfAbsent(pointer(p), new Location(Math.max(1, at.getLineNr()),
                        Math.max(1, at.getColumnNr())));
            }
        } catch (JsonProcessingException e) {
            // the parser's own lines: what it was doing and what it found, without its excerpt of the file
            syntaxError = "not valid YAML: " + e.getOriginalMessage().lines()
                    .filter(line -> !line.isBlank() && !Character.isWhitespace(line.charAt(0)))
                    .collect(Collectors.joining("; "));
            if (e.getLocation() != null) {
                syntaxErrorAt = new Location(Math.max(1, e.getLocation().getLineNr()),
                        Math.max(1, e.getLocation().getColumnNr()));
            }
        } catch (IOException e) {
            syntaxError = "cannot be read: " + e.getMessage();
        }
        return new YamlScan(locations, syntaxError, syntaxErrorAt);
    }

    /** What makes the text no YAML, or null when it parses. */
    String syntaxError() {
        return syntaxError;
    }

    Location syntaxErrorAt() {
        return syntaxErrorAt;
    }

    /** The pointer of the parser's current token: a key, a scalar, or the start of a mapping or list. */
    static String pointer(JsonParser p) {
        JsonStreamContext context = p.getParsingContext();
        JsonToken token = p.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && context.getParent() != null) {
            context = context.getParent();
        }
        return context.pathAsPointer().toString();
    }

    /** The location of the pointer, or of its nearest ancestor present in the file (a missing field: its parent). */
    Location at(String pointer) {
        String p = pointer;
        while (true) {
            Location location = locations.get(p);
            if (location != null) {
                return location;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return Location.START;
            }
            p = p.substring(0, slash);
        }
    }

    boolean has(String pointer) {
        return locations.containsKey(pointer);
    }
}
