package io.evalwatch.simulator.answer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python module as text, with the positions that are code (not inside a string or a comment) and the location of
 * a function definition: enough structure for text-level mutations without a Python parser.
 */
final class PythonSource {

    final String text;
    private final boolean[] code;

    PythonSource(String text) {
        this.text = text;
        this.code = codeMask(text);
    }

    boolean isCode(int offset) {
        return offset >= 0 && offset < code.length && code[offset];
    }

    /** A function definition: offsets into the text. bodyFirstStatement is where a new first statement goes. */
    record FunctionDef(String name, String defIndent, int defLineStart, int openParen, int closeParen, int colon,
                       boolean oneLiner, String bodyIndent, int bodyFirstStatement, int bodyEnd) {
    }

    /** The definition of the named function, else the first function defined in the module. */
    Optional<FunctionDef> function(String name) {
        Optional<FunctionDef> named = findDef("(?m)^([ \\t]*)(?:async[ \\t]+)?def[ \\t]+(" + Pattern.quote(name)
                + ")[ \\t]*\\(");
        return named.isPresent() ? named : findDef("(?m)^([ \\t]*)(?:async[ \\t]+)?def[ \\t]+(\\w+)[ \\t]*\\(");
    }

    private Optional<FunctionDef> findDef(String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            int defKeyword = m.start() + m.group(1).length();
            if (!isCode(defKeyword)) {
                continue;
            }
            int open = m.end() - 1;
            int close = matching(open);
            if (close < 0) {
                continue;
            }
            int colon = topLevel(':', close + 1, text.length());
            if (colon < 0) {
                continue;
            }
            return Optional.of(describe(m.group(2), m.group(1), m.start(), open, close, colon));
        }
        return Optional.empty();
    }

    private FunctionDef describe(String name, String defIndent, int defLineStart, int open, int close, int colon) {
        int lineEnd = lineEnd(colon);
        boolean oneLiner = !codeText(colon + 1, lineEnd).isBlank();
        if (oneLiner) {
            return new FunctionDef(name, defIndent, defLineStart, open, close, colon, true, defIndent + "    ",
                    colon + 1, lineEnd);
        }
        int bodyStart = -1;
        String bodyIndent = defIndent + "    ";
        int bodyEnd = lineEnd;
        for (int line = nextLine(lineEnd); line < text.length(); line = nextLine(lineEnd(line))) {
            int end = lineEnd(line);
            String content = text.substring(line, end);
            String stripped = content.strip();
            boolean insideString = !isCode(line) && !content.isEmpty() && !stripped.isEmpty()
                    && !stripped.startsWith("#");
            if (stripped.isEmpty() || (stripped.startsWith("#") && !insideString)) {
                continue;
            }
            int indent = indentOf(content).length();
            if (!insideString && indent <= defIndent.length()) {
                break;
            }
            if (bodyStart < 0) {
                bodyStart = line;
                bodyIndent = indentOf(content);
            }
            bodyEnd = end;
        }
        if (bodyStart < 0) {
            return new FunctionDef(name, defIndent, defLineStart, open, close, colon, false, bodyIndent, bodyEnd,
                    bodyEnd);
        }
        int first = bodyStart;
        int firstChar = bodyStart + bodyIndent.length();
        if (startsString(firstChar)) {
            // a new first statement goes after the docstring
            int quote = firstChar;
            while (isCode(quote)) {
                quote++;
            }
            int i = quote;
            while (i < text.length() && !isCode(i)) {
                i++;
            }
            first = Math.min(nextLine(lineEnd(i - 1)), bodyEnd);
        }
        return new FunctionDef(name, defIndent, defLineStart, open, close, colon, false, bodyIndent, first, bodyEnd);
    }

    private boolean startsString(int offset) {
        int i = offset;
        while (i < text.length() && "rRbBuUfF".indexOf(text.charAt(i)) >= 0 && i - offset < 2) {
            i++;
        }
        return i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'');
    }

    /** The offset of the bracket closing the one at open, in code; -1 when unbalanced. */
    int matching(int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            if (!isCode(i)) {
                continue;
            }
            char c = text.charAt(i);
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Splits the text between two offsets at top-level commas: the [start, end) span of each part. */
    List<int[]> topLevelParts(int from, int to) {
        List<int[]> parts = new ArrayList<>();
        int start = from;
        for (int comma = topLevel(',', from, to); comma >= 0; comma = topLevel(',', start, to)) {
            parts.add(new int[]{start, comma});
            start = comma + 1;
        }
        if (!text.substring(start, to).isBlank()) {
            parts.add(new int[]{start, to});
        }
        return parts;
    }

    /** The offset of the first code character {@code wanted} outside brackets opened in [from, to), or -1. */
    int topLevel(char wanted, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            if (!isCode(i)) {
                continue;
            }
            char c = text.charAt(i);
            if (c == wanted && depth == 0) {
                return i;
            }
            depth += bracket(c);
        }
        return -1;
    }

    /** Whether the brackets opened in [from, to) are all closed there. */
    boolean balanced(int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            if (isCode(i)) {
                depth += bracket(text.charAt(i));
            }
        }
        return depth == 0;
    }

    private static int bracket(char c) {
        return switch (c) {
            case '(', '[', '{' -> 1;
            case ')', ']', '}' -> -1;
            default -> 0;
        };
    }

    /** The code of a span with strings kept and comments removed. */
    String codeText(int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to && i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#' && isCode(i)) {
                break;
            }
            out.append(c);
        }
        return out.toString();
    }

    int lineEnd(int offset) {
        int end = text.indexOf('\n', offset);
        return end < 0 ? text.length() : end;
    }

    int nextLine(int lineEnd) {
        return Math.min(lineEnd + 1, text.length());
    }

    int lineStart(int offset) {
        return offset <= 0 ? 0 : text.lastIndexOf('\n', offset - 1) + 1;
    }

    static String indentOf(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return line.substring(0, i);
    }

    /** Marks code characters: false inside string literals (quotes included) and comments. */
    static boolean[] codeMask(String text) {
        boolean[] code = new boolean[text.length()];
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '#') {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                boolean triple = text.startsWith(String.valueOf(c).repeat(3), i);
                String close = triple ? String.valueOf(c).repeat(3) : String.valueOf(c);
                int j = i + close.length();
                while (j < text.length()) {
                    char d = text.charAt(j);
                    if (d == '\\') {
                        j += 2;
                        continue;
                    }
                    if (!triple && d == '\n') {
                        break;
                    }
                    if (text.startsWith(close, j)) {
                        j += close.length();
                        break;
                    }
                    j++;
                }
                i = Math.min(j, text.length());
                continue;
            }
            code[i] = true;
            i++;
        }
        return code;
    }
}
