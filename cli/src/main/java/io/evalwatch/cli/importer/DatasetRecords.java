package io.evalwatch.cli.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The records of a dataset file: JSON Lines or one JSON array, optionally gzipped. Each record knows where it
 * came from, so every problem with it can name the file, line (or array index) and field.
 */
final class DatasetRecords {

    /** Python's json module writes NaN and Infinity, and EvalPlus inputs hold them. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    /** One record and where it is: "FILE line N" or "FILE record N". */
    record Entry(JsonNode node, String where) {

        String text(String field) throws ImportException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull() || !value.isValueNode()) {
                throw new ImportException(where + ": field '" + field + "' is missing or not text;"
                        + " is this the right file for the format?");
            }
            return value.asText();
        }

        String optionalText(String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? "" : value.asText();
        }

        /** A list of strings: a JSON array, or (as some releases store it) the text of a Python list literal. */
        List<String> strings(String field) throws ImportException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw new ImportException(where + ": field '" + field + "' is missing");
            }
            List<String> items = new ArrayList<>();
            if (value.isArray()) {
                for (JsonNode item : value) {
                    items.add(item.asText());
                }
                return items;
            }
            return PythonStrings.parseList(value.asText(), where + ": field '" + field + "'");
        }

        ImportException problem(String field, String what) {
            return new ImportException(where + ": field '" + field + "' " + what);
        }
    }

    private DatasetRecords() {
    }

    /** The file to read: source itself, or the first of the candidate names inside the folder source. */
    static Path locate(Path source, List<String> candidates) throws ImportException {
        if (Files.isRegularFile(source)) {
            return source;
        }
        if (Files.isDirectory(source)) {
            for (String name : candidates) {
                if (Files.isRegularFile(source.resolve(name))) {
                    return source.resolve(name);
                }
            }
            throw new ImportException(source + " holds none of " + candidates + "; give the file itself");
        }
        throw new ImportException(source + " does not exist; give a dataset file or the folder holding it");
    }

    static List<Entry> read(Path file, int limit) throws ImportException {
        String text;
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ImportException(file + " cannot be read: " + e.getMessage(), e);
        }
        if (text.isBlank()) {
            throw new ImportException(file + " is empty");
        }
        return text.strip().startsWith("[") ? array(file, text, limit) : lines(file, text, limit);
    }

    private static List<Entry> array(Path file, String text, int limit) throws ImportException {
        JsonNode all;
        try {
            all = JSON.readTree(text);
        } catch (IOException e) {
            throw new ImportException(file + " is not a JSON array: " + e.getMessage().lines().findFirst().orElse(""),
                    e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < all.size() && (limit <= 0 || entries.size() < limit); i++) {
            entries.add(object(all.get(i), file + " record " + i));
        }
        return entries;
    }

    private static List<Entry> lines(Path file, String text, int limit) throws ImportException {
        List<Entry> entries = new ArrayList<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size() && (limit <= 0 || entries.size() < limit); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(lines.get(i));
            } catch (IOException e) {
                throw new ImportException(file + " line " + (i + 1) + " is not JSON: "
                        + e.getMessage().lines().findFirst().orElse(""), e);
            }
            entries.add(object(node, file + " line " + (i + 1)));
        }
        return entries;
    }

    private static Entry object(JsonNode node, String where) throws ImportException {
        if (node == null || !node.isObject()) {
            throw new ImportException(where + " is not a JSON object");
        }
        return new Entry(node, where);
    }
}
