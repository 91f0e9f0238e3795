package io.evalwatch.suite.twin;

import io.evalwatch.suite.twin.PythonTokens.Kind;
import io.evalwatch.suite.twin.PythonTokens.Token;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a consistent rename needs to know of a piece of Python source, read from its tokens: the functions it defines
 * and their parameters, the names no rename may touch, and the rename itself. A rename is safe when every
 * occurrence of a name is renamed at once (an alpha-renaming across all scopes) and the name is never reached in a
 * way the rename cannot follow: as an attribute ({@code x.name}), a keyword argument of a function that keeps its
 * parameters ({@code sorted(key=...)}), an import, a builtin or a keyword.
 */
final class PythonCode {

    /** The functions defined with def, in order, and the parameters of each. */
    record Definitions(Set<String> functions, Set<String> parameters) {
    }

    private PythonCode() {
    }

    static Definitions definitions(String code) {
        List<Token> tokens = significant(PythonTokens.of(code));
        Set<String> functions = new LinkedHashSet<>();
        Set<String> parameters = new LinkedHashSet<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (isKeyword(tokens.get(i), "def") && tokens.get(i + 1).kind() == Kind.NAME
                    && tokens.get(i + 2).isOp("(")) {
                functions.add(tokens.get(i + 1).text());
                int depth = 0;
                for (int j = i + 2; j < tokens.size(); j++) {
                    Token t = tokens.get(j);
                    if (t.isOp("(") || t.isOp("[") || t.isOp("{")) {
                        depth++;
                    } else if (t.isOp(")") || t.isOp("]") || t.isOp("}")) {
                        if (--depth == 0) {
                            break;
                        }
                    } else if (depth == 1 && t.kind() == Kind.NAME && startsParameter(tokens, j)) {
                        parameters.add(t.text());
                    }
                }
            }
        }
        return new Definitions(functions, parameters);
    }

    /** A parameter's name follows the list's '(' or a top-level ',', maybe after '*' or '**'. */
    private static boolean startsParameter(List<Token> tokens, int j) {
        Token before = tokens.get(j - 1);
        if (before.isOp("*") || before.isOp("**")) {
            before = tokens.get(j - 2);
        }
        return before.isOp("(") || before.isOp(",");
    }

    /**
     * The names a rename must leave alone: attributes, imported names, and keyword arguments of any call whose
     * callee is not one of the renamed functions (its parameters keep their names).
     */
    static Set<String> untouchable(String code, Set<String> renamedFunctions) {
        List<Token> tokens = significantWithNewlines(PythonTokens.of(code));
        Set<String> names = new LinkedHashSet<>();
        Deque<String> callees = new ArrayDeque<>();
        boolean importing = false;
        int importDepth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token before = previous(tokens, i);
            if (t.kind() == Kind.NEWLINE) {
                if (importDepth == 0) {
                    importing = false;
                }
                continue;
            }
            if (t.kind() == Kind.NAME) {
                if (isKeyword(t, "import") || isKeyword(t, "from")) {
                    importing = true;
                    importDepth = 0;
                } else if (importing && !Python.KEYWORDS.contains(t.text())
                        || (before != null && before.isOp("."))) {
                    names.add(t.text());
                } else {
                    Token after = next(tokens, i);
                    boolean keywordArgument = after != null && after.isOp("=") && "call".equals(callees.peek())
                            && before != null && (before.isOp("(") || before.isOp(","));
                    if (keywordArgument) {
                        names.add(t.text());
                    }
                }
            }
            if (t.isOp("(") || t.isOp("[") || t.isOp("{")) {
                importDepth++;
                callees.push(t.isOp("(") ? calleeOf(tokens, i, renamedFunctions) : "bracket");
            } else if (t.isOp(")") || t.isOp("]") || t.isOp("}")) {
                importDepth = Math.max(0, importDepth - 1);
                if (!callees.isEmpty()) {
                    callees.pop();
                }
            }
        }
        return names;
    }

    /**
     * What an opening parenthesis opens: "call" for a call of a function that keeps its parameters' names, else
     * "renamed" (a call of a renamed function: its keyword arguments follow the rename), "def" (a parameter list,
     * where name=value is a default) or "group".
     */
    private static String calleeOf(List<Token> tokens, int open, Set<String> renamedFunctions) {
        Token before = previous(tokens, open);
        if (before == null) {
            return "group";
        }
        if (before.kind() == Kind.NAME) {
            Token beforeName = previous(tokens, open - 1);
            if (beforeName != null && isKeyword(beforeName, "def")) {
                return "def";
            }
            if (Python.KEYWORDS.contains(before.text())) {
                return "group";
            }
            boolean attribute = beforeName != null && beforeName.isOp(".");
            return !attribute && renamedFunctions.contains(before.text()) ? "renamed" : "call";
        }
        return before.isOp(")") || before.isOp("]") || before.kind() == Kind.STRING ? "call" : "group";
    }

    /** Every name the code's tokens hold (f-string fields included). */
    static Set<String> names(String code) {
        Set<String> names = new LinkedHashSet<>();
        for (Token t : PythonTokens.of(code)) {
            if (t.kind() == Kind.NAME) {
                names.add(t.text());
            }
        }
        return names;
    }

    /** The code with every renamed name replaced, attributes excepted; docstrings are rewritten by docstring. */
    static String rename(String code, Map<String, String> renames, UnaryOperator<String> docstring) {
        List<Token> all = PythonTokens.of(code);
        List<Token> tokens = significant(all);
        Set<Integer> docstrings = docstringStarts(tokens);
        StringBuilder out = new StringBuilder(code.length() + 64);
        int copied = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String replacement = null;
            if (t.kind() == Kind.NAME && renames.containsKey(t.text()) && !(i > 0 && tokens.get(i - 1).isOp("."))) {
                replacement = renames.get(t.text());
            } else if (t.kind() == Kind.STRING && docstrings.contains(t.start()) && docstring != null) {
                replacement = rewriteDocstring(t.text(), docstring);
            }
            if (replacement != null && t.start() >= copied) {
                out.append(code, copied, t.start()).append(replacement);
                copied = t.end();
            }
        }
        return out.append(code, copied, code.length()).toString();
    }

    /** The string's content rewritten, its prefix and quotes kept. */
    private static String rewriteDocstring(String literal, UnaryOperator<String> docstring) {
        int quote = 0;
        while (quote < literal.length() && literal.charAt(quote) != '"' && literal.charAt(quote) != '\'') {
            quote++;
        }
        if (quote > 0 && literal.substring(0, quote).toLowerCase().contains("b")) {
            return literal;
        }
        char q = literal.charAt(quote);
        int width = literal.startsWith(String.valueOf(q).repeat(3), quote) ? 3 : 1;
        if (literal.length() < quote + 2 * width || !literal.endsWith(String.valueOf(q).repeat(width))) {
            return literal;
        }
        String content = literal.substring(quote + width, literal.length() - width);
        return literal.substring(0, quote + width) + docstring.apply(content) + literal.substring(
                literal.length() - width);
    }

    /** Strings that are a module's or a function's first statement. */
    private static Set<Integer> docstringStarts(List<Token> tokens) {
        Set<Integer> starts = new LinkedHashSet<>();
        if (!tokens.isEmpty() && tokens.get(0).kind() == Kind.STRING) {
            starts.add(tokens.get(0).start());
        }
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (!(isKeyword(tokens.get(i), "def") && tokens.get(i + 2).isOp("("))) {
                continue;
            }
            int depth = 0;
            for (int j = i + 2; j + 1 < tokens.size(); j++) {
                Token t = tokens.get(j);
                if (t.isOp("(") || t.isOp("[") || t.isOp("{")) {
                    depth++;
                } else if (t.isOp(")") || t.isOp("]") || t.isOp("}")) {
                    depth--;
                } else if (depth == 0 && t.isOp(":")) {
                    if (tokens.get(j + 1).kind() == Kind.STRING) {
                        starts.add(tokens.get(j + 1).start());
                    }
                    break;
                }
            }
        }
        return starts;
    }

    private static boolean isKeyword(Token t, String keyword) {
        return t.kind() == Kind.NAME && t.text().equals(keyword);
    }

    private static Token previous(List<Token> tokens, int i) {
        for (int j = i - 1; j >= 0; j--) {
            if (tokens.get(j).kind() != Kind.NEWLINE) {
                return tokens.get(j);
            }
        }
        return null;
    }

    private static Token next(List<Token> tokens, int i) {
        for (int j = i + 1; j < tokens.size(); j++) {
            if (tokens.get(j).kind() != Kind.NEWLINE) {
                return tokens.get(j);
            }
        }
        return null;
    }

    /** Tokens without comments and line ends. */
    private static List<Token> significant(List<Token> tokens) {
        List<Token> kept = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind() != Kind.COMMENT && t.kind() != Kind.NEWLINE) {
                kept.add(t);
            }
        }
        return kept;
    }

    private static List<Token> significantWithNewlines(List<Token> tokens) {
        List<Token> kept = new ArrayList<>();
        for (Token t : tokens) {
            if (t.kind() != Kind.COMMENT) {
                kept.add(t);
            }
        }
        return kept;
    }
}
