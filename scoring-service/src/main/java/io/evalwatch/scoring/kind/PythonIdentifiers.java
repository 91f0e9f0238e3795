package io.evalwatch.scoring.kind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The identifiers of a piece of Python, lexically: strings and comments are skipped, numbers are not names. No
 * parser (a middle is a fragment that rarely parses on its own), so bindings are recognised by the tokens around
 * them; good enough to compare identifiers and to find names a middle uses without any source. Pure.
 */
final class PythonIdentifiers {

    /** Python 3.11's keywords and soft keywords. */
    static final Set<String> KEYWORDS = Set.of("False", "None", "True", "and", "as", "assert", "async", "await",
            "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
            "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
            "with", "yield", "_", "case", "match");

    /** Python 3.11's builtins (dir(builtins) without the private names). */
    static final Set<String> BUILTINS = Set.of("ArithmeticError", "AssertionError", "AttributeError",
            "BaseException", "BaseExceptionGroup", "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning",
            "ChildProcessError", "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError",
            "ConnectionResetError", "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning",
            "EnvironmentError", "Exception", "ExceptionGroup", "FileExistsError", "FileNotFoundError",
            "FloatingPointError", "FutureWarning", "GeneratorExit", "IOError", "ImportError", "ImportWarning",
            "IndentationError", "IndexError", "InterruptedError", "IsADirectoryError", "KeyError",
            "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError", "NameError",
            "NotADirectoryError", "NotImplemented", "NotImplementedError", "OSError", "OverflowError",
            "PendingDeprecationWarning", "PermissionError", "ProcessLookupError", "RecursionError", "ReferenceError",
            "ResourceWarning", "RuntimeError", "RuntimeWarning", "StopAsyncIteration", "StopIteration",
            "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TimeoutError", "TypeError",
            "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError",
            "UnicodeWarning", "UserWarning", "ValueError", "Warning", "ZeroDivisionError", "__debug__", "__doc__",
            "__import__", "__name__", "__file__", "abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool",
            "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex", "copyright",
            "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter", "float",
            "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int",
            "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview", "min",
            "next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed",
            "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type",
            "vars", "zip");

    private static final Set<String> STRING_PREFIXES = Set.of("r", "u", "b", "f", "br", "rb", "fr", "rf");
    private static final List<String> OPERATORS = List.of("**=", "//=", ">>=", "<<=", ":=", "==", "!=", "<=", ">=",
            "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=", "->", "**", "//", "<<", ">>");
    private static final Set<String> ASSIGNMENTS = Set.of("=", "+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=",
            "<<=", "&=", "|=", "^=", "@=");
    private static final String NEWLINE = "\n";
    /** Keywords that open a compound statement whose body may follow its colon on the same line. */
    private static final Set<String> COMPOUND_HEADERS = Set.of("if", "elif", "else", "while", "for", "with", "try",
            "except", "finally");

    private PythonIdentifiers() {
    }

    /** The identifiers of the code, keywords and builtins excluded, attribute names included (CrossCodeEval's). */
    static Set<String> identifiers(String code) {
        Set<String> names = new LinkedHashSet<>();
        for (Token t : tokens(code)) {
            if (t.name() && !KEYWORDS.contains(t.text()) && !BUILTINS.contains(t.text())) {
                names.add(t.text());
            }
        }
        return names;
    }

    /** Every name the code mentions, in any role. */
    static Set<String> mentioned(String code) {
        Set<String> names = new LinkedHashSet<>();
        for (Token t : tokens(code)) {
            if (t.name()) {
                names.add(t.text());
            }
        }
        return names;
    }

    /**
     * The names the code uses that must resolve in its scope: no keyword or builtin, no attribute (after a dot),
     * no keyword argument (a name followed by = after an opening parenthesis or a comma).
     */
    static Set<String> used(String code) {
        List<Token> tokens = tokens(code);
        Set<String> names = new LinkedHashSet<>();
        boolean modulePath = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            // "from decimal import X": decimal names a module, not a name of the scope
            if (t.text().equals("from") || t.text().equals("import") || t.text().equals(NEWLINE)) {
                modulePath = t.text().equals("from");
                continue;
            }
            if (!t.name() || modulePath || KEYWORDS.contains(t.text()) || BUILTINS.contains(t.text())
                    || is(tokens, i - 1, ".")) {
                continue;
            }
            boolean keywordArgument = is(tokens, i + 1, "=") && (is(tokens, i - 1, "(") || is(tokens, i - 1, ","));
            if (!keywordArgument) {
                names.add(t.text());
            }
        }
        return names;
    }

    /**
     * The names the code binds: def and class names, parameters (of def and lambda), assignment targets (not
     * subscripts or attributes), walrus targets, for targets (comprehensions included), as names, imports, global
     * and nonlocal declarations.
     */
    static Set<String> bound(String code) {
        List<Token> tokens = tokens(code);
        Set<String> names = new LinkedHashSet<>();
        int statementStart = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String text = t.text();
            if (text.equals(NEWLINE) || text.equals(";")) {
                statementStart = i + 1;
                continue;
            }
            switch (text) {
                case "def", "class" -> {
                    if (i + 1 < tokens.size() && tokens.get(i + 1).name()) {
                        names.add(tokens.get(i + 1).text());
                    }
                    if (text.equals("def")) {
                        parameters(tokens, i + 3, ")", names);
                    }
                }
                case "lambda" -> parameters(tokens, i + 1, ":", names);
                case "as" -> {
                    if (i + 1 < tokens.size() && tokens.get(i + 1).name()) {
                        names.add(tokens.get(i + 1).text());
                    }
                }
                case "for" -> {
                    for (int j = i + 1; j < tokens.size() && !tokens.get(j).text().equals("in")
                            && !tokens.get(j).text().equals(NEWLINE); j++) {
                        if (tokens.get(j).name() && !is(tokens, j - 1, ".")) {
                            names.add(tokens.get(j).text());
                        }
                    }
                }
                case "import", "global", "nonlocal" -> {
                    for (int j = i + 1; j < tokens.size() && !tokens.get(j).text().equals(NEWLINE)
                            && !tokens.get(j).text().equals(";"); j++) {
                        if (tokens.get(j).name() && !is(tokens, j - 1, ".")) {
                            names.add(tokens.get(j).text());
                        }
                    }
                }
                case ":=" -> {
                    if (i > 0 && tokens.get(i - 1).name()) {
                        names.add(tokens.get(i - 1).text());
                    }
                }
                default -> {
                    if (ASSIGNMENTS.contains(text) && t.depth() == 0) {
                        assignmentTargets(tokens, statementStart, i, names);
                    }
                }
            }
        }
        return names;
    }

    /** The names a statement's first target list binds: neither attributes, subscripts, nor annotations. */
    private static void assignmentTargets(List<Token> tokens, int statement, int assignment, Set<String> names) {
        int from = statement;
        if (from < assignment && COMPOUND_HEADERS.contains(tokens.get(from).text())) {
            // "if ready: total = 0": the target list starts after the header's colon
            while (from < assignment && !(tokens.get(from).text().equals(":") && tokens.get(from).depth() == 0)) {
                from++;
            }
            from++;
        }
        int brackets = 0;
        for (int j = from; j < assignment; j++) {
            String text = tokens.get(j).text();
            if (ASSIGNMENTS.contains(text) && tokens.get(j).depth() == 0) {
                return; // only the first target of a chain a = b = 1; the later ones follow their own '='
            }
            if (text.equals(":") && tokens.get(j).depth() == 0) {
                return; // an annotation follows
            }
            if (text.equals("[")) {
                brackets++;
            } else if (text.equals("]")) {
                brackets--;
            } else if (brackets == 0 && tokens.get(j).name() && !is(tokens, j - 1, ".") && !is(tokens, j + 1, ".")
                    && !is(tokens, j + 1, "[")) {
                names.add(text); // d[k] = v and obj.x = v bind nothing: they change d and obj
            }
        }
    }

    /** Parameter names from a position up to the closing token at the same depth: names after ( , * ** or lambda. */
    private static void parameters(List<Token> tokens, int from, String end, Set<String> names) {
        if (from - 1 < 0 || from - 1 >= tokens.size()) {
            return;
        }
        int depth = tokens.get(from - 1).depth() + (end.equals(")") ? 1 : 0);
        for (int j = from; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (t.text().equals(end) && t.depth() == (end.equals(")") ? depth - 1 : depth)
                    || t.text().equals(NEWLINE)) {
                return;
            }
            String before = j - 1 >= 0 ? tokens.get(j - 1).text() : "";
            if (t.name() && t.depth() == depth && (before.equals("(") || before.equals(",") || before.equals("*")
                    || before.equals("**") || before.equals("lambda"))) {
                names.add(t.text());
            }
        }
    }

    private static boolean is(List<Token> tokens, int index, String text) {
        return index >= 0 && index < tokens.size() && tokens.get(index).text().equals(text);
    }

    /**
     * A token: a name or an operator, with the bracket depth it stands at (a closing bracket at the depth of its
     * contents' enclosing level). A logical line's end is a "\n" token, outside brackets only.
     */
    record Token(String text, boolean name, int depth) {
    }

    static List<Token> tokens(String code) {
        List<Token> tokens = new ArrayList<>();
        if (code == null) {
            return tokens;
        }
        int depth = 0;
        int i = 0;
        int n = code.length();
        while (i < n) {
            char c = code.charAt(i);
            if (c == '#') {
                while (i < n && code.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\\' && i + 1 < n && code.charAt(i + 1) == '\n') {
                i += 2; // a continued line
            } else if (c == '\n') {
                if (depth == 0) {
                    tokens.add(new Token(NEWLINE, false, 0));
                }
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                i = skipString(code, i);
            } else if (Character.isDigit(c)) {
                while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '_'
                        || code.charAt(i) == '.')) {
                    i++;
                }
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(code.charAt(i)) || code.charAt(i) == '_')) {
                    i++;
                }
                String word = code.substring(start, i);
                if (i < n && (code.charAt(i) == '"' || code.charAt(i) == '\'')
                        && STRING_PREFIXES.contains(word.toLowerCase(java.util.Locale.ROOT))) {
                    i = skipString(code, i);
                } else {
                    tokens.add(new Token(word, true, depth));
                }
            } else {
                String op = String.valueOf(c);
                for (String candidate : OPERATORS) {
                    if (code.startsWith(candidate, i)) {
                        op = candidate;
                        break;
                    }
                }
                if (op.equals(")") || op.equals("]") || op.equals("}")) {
                    depth = Math.max(0, depth - 1);
                }
                tokens.add(new Token(op, false, depth));
                if (op.equals("(") || op.equals("[") || op.equals("{")) {
                    depth++;
                }
                i += op.length();
            }
        }
        return tokens;
    }

    /** The index after the string literal starting at a quote (triple-quoted or not; an unclosed one ends the code). */
    private static int skipString(String code, int i) {
        char quote = code.charAt(i);
        String triple = String.valueOf(quote).repeat(3);
        if (code.startsWith(triple, i)) {
            int end = code.indexOf(triple, i + 3);
            while (end > 0 && escaped(code, end)) {
                end = code.indexOf(triple, end + 1);
            }
            return end < 0 ? code.length() : end + 3;
        }
        int j = i + 1;
        while (j < code.length() && code.charAt(j) != quote && code.charAt(j) != '\n') {
            j += code.charAt(j) == '\\' ? 2 : 1;
        }
        return Math.min(code.length(), j + 1);
    }

    private static boolean escaped(String code, int index) {
        int backslashes = 0;
        for (int k = index - 1; k >= 0 && code.charAt(k) == '\\'; k--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
