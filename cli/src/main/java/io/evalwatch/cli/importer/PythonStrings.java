package io.evalwatch.cli.importer;

import java.util.ArrayList;
import java.util.List;

/** Reads the text of a Python list of string literals, as some dataset releases store lists ("['import math']"). */
final class PythonStrings {

    private PythonStrings() {
    }

    static List<String> parseList(String text, String where) throws ImportException {
        String s = text.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw new ImportException(where + " is neither a JSON array nor a Python list: " + abbreviate(s));
        }
        List<String> items = new ArrayList<>();
        int i = 1;
        int end = s.length() - 1;
        while (true) {
            while (i < end && (Character.isWhitespace(s.charAt(i)) || s.charAt(i) == ',')) {
                i++;
            }
            if (i >= end) {
                return items;
            }
            char quote = s.charAt(i);
            if (quote != '\'' && quote != '"') {
                throw new ImportException(where + " holds something other than string literals at offset " + i
                        + ": " + abbreviate(s));
            }
            StringBuilder item = new StringBuilder();
            i++;
            while (i < end && s.charAt(i) != quote) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < end) {
                    char next = s.charAt(++i);
                    item.append(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> next;
                    });
                } else {
                    item.append(c);
                }
                i++;
            }
            if (i >= end) {
                throw new ImportException(where + " has an unterminated string: " + abbreviate(s));
            }
            items.add(item.toString());
            i++;
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
