package io.evalwatch.simulator.answer;

import io.evalwatch.simulator.truth.Truth;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generic mistakes made to a Python reference solution when a task has no hand-written simulation block. Each
 * method returns the mutated source, or candidates in order of preference, or nothing when the mistake does not
 * apply to this code.
 */
public final class PythonMutations {

    private static final Pattern RANGE = Pattern.compile("(?<![\\w.])range\\s*\\(");
    private static final Pattern INTEGER = Pattern.compile("(?<![\\w.])\\d+(?![\\w.])");
    private static final Pattern PLUS_OR_MINUS_ONE = Pattern.compile("(?s)(.*?\\S)\\s*[+-]\\s*1");
    private static final Pattern GUARD_END = Pattern.compile("^(return|raise)\\b.*");

    private PythonMutations() {
    }

    /**
     * Off-by-one candidates, most telling first: the stop of each range() call moved by one, then each comparison
     * made strict or non-strict, then each integer literal plus one. Only the function's body is touched.
     */
    public static List<String> offByOne(String source, String entryPoint) {
        PythonSource py = new PythonSource(source);
        Optional<PythonSource.FunctionDef> function = py.function(entryPoint);
        if (function.isEmpty()) {
            return List.of();
        }
        int from = function.get().colon() + 1;
        int to = function.get().bodyEnd();
        Set<String> candidates = new LinkedHashSet<>();
        Matcher range = RANGE.matcher(source).region(from, to);
        while (range.find()) {
            if (!py.isCode(range.start())) {
                continue;
            }
            int open = range.end() - 1;
            int close = py.matching(open);
            if (close < 0) {
                continue;
            }
            List<int[]> args = py.topLevelParts(open + 1, close);
            if (args.isEmpty() || args.size() > 3) {
                continue;
            }
            int[] stop = args.get(args.size() == 1 ? 0 : 1);
            String before = source.substring(stop[0], stop[1]);
            String expression = before.strip();
            String lead = before.substring(0, before.indexOf(expression));
            String trail = before.substring(lead.length() + expression.length());
            candidates.add(source.substring(0, stop[0]) + lead + shiftedStop(expression) + trail
                    + source.substring(stop[1]));
        }
        for (int i = from; i < to; i++) {
            char c = source.charAt(i);
            if ((c != '<' && c != '>') || !py.isCode(i)) {
                continue;
            }
            char previous = i > 0 ? source.charAt(i - 1) : ' ';
            char next = i + 1 < source.length() ? source.charAt(i + 1) : ' ';
            if (previous == '<' || previous == '>' || previous == '-' || next == '<' || next == '>') {
                continue;
            }
            if (next == '=') {
                candidates.add(source.substring(0, i + 1) + source.substring(i + 2));
            } else {
                candidates.add(source.substring(0, i + 1) + "=" + source.substring(i + 1));
            }
        }
        Matcher integer = INTEGER.matcher(source).region(from, to);
        while (integer.find()) {
            if (py.isCode(integer.start())) {
                long value = Long.parseLong(integer.group().length() > 18 ? "0" : integer.group());
                candidates.add(source.substring(0, integer.start()) + (value + 1) + source.substring(integer.end()));
            }
        }
        return List.copyOf(candidates);
    }

    private static String shiftedStop(String stop) {
        if (stop.matches("\\d{1,9}")) {
            int value = Integer.parseInt(stop);
            return String.valueOf(value == 0 ? 1 : value - 1);
        }
        Matcher m = PLUS_OR_MINUS_ONE.matcher(stop);
        if (m.matches() && balanced(m.group(1))) {
            return m.group(1);
        }
        return stop + " - 1";
    }

    private static boolean balanced(String expression) {
        int depth = 0;
        for (char c : expression.toCharArray()) {
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            }
            if (depth < 0) {
                return false;
            }
        }
        return depth == 0;
    }

    /**
     * Missing-edge-case candidates: the function with one early-return (or raise) guard removed, first guard first.
     * A guard is an {@code if} whose whole block is one return or raise and that has no elif/else.
     */
    public static List<String> missingEdgeCase(String source, String entryPoint) {
        PythonSource py = new PythonSource(source);
        Optional<PythonSource.FunctionDef> function = py.function(entryPoint);
        if (function.isEmpty() || function.get().oneLiner()) {
            return List.of();
        }
        List<String> candidates = new ArrayList<>();
        int line = function.get().bodyFirstStatement();
        int end = function.get().bodyEnd();
        while (line < end) {
            int lineEnd = py.lineEnd(line);
            String content = source.substring(line, lineEnd);
            String indent = PythonSource.indentOf(content);
            String code = py.codeText(line, lineEnd).strip();
            if (py.isCode(line + indent.length()) && (code.startsWith("if ") || code.startsWith("if("))) {
                int[] guard = guardSpan(py, line, lineEnd, indent, code);
                if (guard != null && !continuesWithElse(py, guard[1], indent)) {
                    candidates.add(removeLines(py, line, guard[1], indent));
                }
            }
            line = py.nextLine(lineEnd);
            if (lineEnd >= source.length()) {
                break;
            }
        }
        return List.copyOf(candidates);
    }

    /** The [start, end) of an if-guard's lines (end after its newline), or null when the if is not a guard. */
    private static int[] guardSpan(PythonSource py, int line, int lineEnd, String indent, String code) {
        int colon = py.topLevel(':', line + indent.length(), lineEnd);
        if (colon < 0) {
            return null;
        }
        String rest = py.codeText(colon + 1, lineEnd).strip();
        if (!rest.isEmpty()) {
            return GUARD_END.matcher(rest).matches() && balancedLine(py, colon + 1, lineEnd)
                    ? new int[]{line, py.nextLine(lineEnd)} : null;
        }
        int next = nextCodeLine(py, py.nextLine(lineEnd));
        if (next < 0) {
            return null;
        }
        int nextEnd = py.lineEnd(next);
        String nextContent = py.text.substring(next, nextEnd);
        if (PythonSource.indentOf(nextContent).length() <= indent.length()
                || !GUARD_END.matcher(py.codeText(next, nextEnd).strip()).matches()
                || !balancedLine(py, next, nextEnd)) {
            return null;
        }
        int after = nextCodeLine(py, py.nextLine(nextEnd));
        if (after >= 0 && PythonSource.indentOf(py.text.substring(after, py.lineEnd(after))).length()
                > indent.length()) {
            return null;
        }
        return new int[]{line, py.nextLine(nextEnd)};
    }

    private static boolean continuesWithElse(PythonSource py, int from, String indent) {
        int next = nextCodeLine(py, from);
        if (next < 0) {
            return false;
        }
        String content = py.text.substring(next, py.lineEnd(next));
        String stripped = content.strip();
        return PythonSource.indentOf(content).equals(indent)
                && (stripped.startsWith("elif ") || stripped.startsWith("elif(") || stripped.startsWith("else"));
    }

    private static String removeLines(PythonSource py, int start, int end, String indent) {
        String source = py.text;
        String without = source.substring(0, start) + source.substring(Math.min(end, source.length()));
        // an if that was the only statement of its block must leave a statement behind
        int previous = previousCodeLine(py, start);
        if (previous >= 0) {
            String previousCode = py.codeText(previous, py.lineEnd(previous)).stripTrailing();
            String previousIndent = PythonSource.indentOf(source.substring(previous, py.lineEnd(previous)));
            int next = nextCodeLine(py, end);
            boolean blockEmptied = previousCode.endsWith(":") && (next < 0
                    || PythonSource.indentOf(source.substring(next, py.lineEnd(next))).length()
                    <= previousIndent.length());
            if (blockEmptied) {
                without = source.substring(0, start) + indent + "pass\n"
                        + source.substring(Math.min(end, source.length()));
            }
        }
        return without;
    }

    /**
     * The reference calling a plausible library function that does not exist, as the function's first statement,
     * so every call fails (AttributeError or NameError) whatever the input.
     */
    public static Optional<String> hallucinatedApi(String source, String entryPoint) {
        PythonSource py = new PythonSource(source);
        Optional<PythonSource.FunctionDef> found = py.function(entryPoint);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PythonSource.FunctionDef function = found.get();
        String parameter = firstParameter(py, function);
        boolean attributeVariant = (Truth.hashOf(function.name()) & 1) == 0;
        String call = attributeVariant ? "copy.deepclone" : "normalize_input";
        String statement = parameter == null ? call + "(None)" : parameter + " = " + call + "(" + parameter + ")";
        String mutated;
        if (function.oneLiner()) {
            String body = source.substring(function.colon() + 1, function.bodyEnd()).strip();
            mutated = source.substring(0, function.colon() + 1) + "\n" + function.bodyIndent() + statement + "\n"
                    + function.bodyIndent() + body + source.substring(function.bodyEnd());
        } else {
            mutated = insertStatement(py, function.bodyFirstStatement(), function.bodyIndent(), statement);
        }
        if (attributeVariant) {
            int at = afterFutureImports(mutated);
            mutated = mutated.substring(0, at) + "import copy\n" + mutated.substring(at);
        }
        return Optional.of(mutated);
    }

    /** The reference with the colon of its def line removed: a SyntaxError at compile time. */
    public static Optional<String> syntaxError(String source, String entryPoint) {
        PythonSource py = new PythonSource(source);
        return py.function(entryPoint).map(f -> source.substring(0, f.colon()) + source.substring(f.colon() + 1));
    }

    /**
     * How many parameters the function's def declares (top-level commas of its parameter list, annotations with
     * brackets counted as one); empty when the function is not found.
     */
    public static java.util.OptionalInt parameterCount(String source, String entryPoint) {
        PythonSource py = new PythonSource(source);
        return py.function(entryPoint).map(f -> {
            String params = source.substring(f.openParen() + 1, f.closeParen()).strip();
            if (params.isEmpty()) {
                return java.util.OptionalInt.of(0);
            }
            int depth = 0;
            int count = 1;
            for (char c : params.toCharArray()) {
                if (c == '[' || c == '(' || c == '{') {
                    depth++;
                } else if (c == ']' || c == ')' || c == '}') {
                    depth--;
                } else if (c == ',' && depth == 0) {
                    count++;
                }
            }
            return java.util.OptionalInt.of(params.endsWith(",") ? count - 1 : count);
        }).orElse(java.util.OptionalInt.empty());
    }

    /** Renames every whole-word occurrence of a function name (its def and its recursive calls). */
    public static String renamed(String source, String from, String to) {
        if (from == null || from.isBlank() || from.equals(to)) {
            return source;
        }
        return source.replaceAll("(?<![\\w.])" + Pattern.quote(from) + "(?!\\w)", Matcher.quoteReplacement(to));
    }

    private static String insertStatement(PythonSource py, int offset, String indent, String statement) {
        String source = py.text;
        if (offset >= source.length()) {
            return source + (source.endsWith("\n") ? "" : "\n") + indent + statement + "\n";
        }
        if (offset == py.lineStart(offset)) {
            return source.substring(0, offset) + indent + statement + "\n" + source.substring(offset);
        }
        return source.substring(0, offset) + "\n" + indent + statement + source.substring(offset);
    }

    private static String firstParameter(PythonSource py, PythonSource.FunctionDef function) {
        for (int[] part : py.topLevelParts(function.openParen() + 1, function.closeParen())) {
            String name = py.text.substring(part[0], part[1]).strip();
            int cut = indexOfAny(name, ":=");
            name = (cut >= 0 ? name.substring(0, cut) : name).strip().replaceFirst("^\\*{1,2}", "").strip();
            if (name.matches("[A-Za-z_]\\w*") && !name.equals("self") && !name.equals("cls")) {
                return name;
            }
        }
        return null;
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int afterFutureImports(String source) {
        Matcher m = Pattern.compile("(?m)^from __future__ import .*\\n").matcher(source);
        int at = 0;
        while (m.find()) {
            at = m.end();
        }
        return at;
    }

    private static boolean balancedLine(PythonSource py, int from, int to) {
        String code = py.codeText(from, to).stripTrailing();
        // a newline inside a string literal means the statement goes on over the next lines
        return py.balanced(from, to) && !code.endsWith("\\") && (to >= py.text.length() || py.isCode(to));
    }

    private static int nextCodeLine(PythonSource py, int from) {
        int line = from;
        while (line < py.text.length()) {
            int end = py.lineEnd(line);
            String code = py.codeText(line, end);
            if (!code.isBlank() && py.isCode(line + PythonSource.indentOf(code).length())) {
                return line;
            }
            if (end >= py.text.length()) {
                break;
            }
            line = end + 1;
        }
        return -1;
    }

    private static int previousCodeLine(PythonSource py, int lineStart) {
        int line = lineStart;
        while (line > 0) {
            line = py.lineStart(line - 1);
            int end = py.lineEnd(line);
            String code = py.codeText(line, end);
            if (!code.isBlank() && py.isCode(line + PythonSource.indentOf(code).length())) {
                return line;
            }
        }
        return -1;
    }
}
