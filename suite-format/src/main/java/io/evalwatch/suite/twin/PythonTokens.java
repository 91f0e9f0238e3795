package io.evalwatch.suite.twin;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of Python source that a rename needs: names, strings, numbers, operators and comments, each with its
 * offsets. The expressions inside an f-string's replacement fields are tokens of their own (their names are code),
 * the f-string's literal parts are not. Never fails: text that is not Python (an English sentence with an
 * apostrophe) still tokenizes, an unterminated string ending at its line, so the text is always kept as it was.
 */
final class PythonTokens {

    enum Kind { NAME, STRING, FSTRING, NUMBER, OP, COMMENT, NEWLINE }

    /** One token: [start, end) in the text. */
    record Token(Kind kind, int start, int end, String text) {
        boolean isOp(String op) {
            return kind == Kind.OP && text.equals(op);
        }
    }

    private static final String[] OPERATORS = {"**=", "//=", ">>=", "<<=", "...", "==", "!=", "<=", ">=", ":=", "->",
        "**", "//", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="};

    private final String text;
    private final List<Token> tokens = new ArrayList<>();

    private PythonTokens(String text) {
        this.text = text;
    }

    static List<Token> of(String text) {
        PythonTokens lexer = new PythonTokens(text);
        lexer.lex(0, text.length(), false);
        return lexer.tokens;
    }

    /** Lexes from i; inside an f-string's field (field) it stops before a top-level '}', ':' or '!'. */
    private int lex(int from, int to, boolean field) {
        int i = from;
        int depth = 0;
        while (i < to) {
            char c = text.charAt(i);
            if (c == '\n') {
                tokens.add(new Token(Kind.NEWLINE, i, i + 1, "\n"));
                i++;
            } else if (Character.isWhitespace(c) || c == '\\') {
                i++;
            } else if (c == '#') {
                int end = lineEnd(i, to);
                tokens.add(new Token(Kind.COMMENT, i, end, text.substring(i, end)));
                i = end;
            } else if (c == '\'' || c == '"') {
                i = string(i, i, to);
            } else if (isNameStart(c)) {
                int end = i + 1;
                while (end < to && isNamePart(text.charAt(end))) {
                    end++;
                }
                if (end < to && end - i <= 2 && isPrefix(text.substring(i, end))
                        && (text.charAt(end) == '\'' || text.charAt(end) == '"')) {
                    i = string(i, end, to);
                } else {
                    tokens.add(new Token(Kind.NAME, i, end, text.substring(i, end)));
                    i = end;
                }
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < to && Character.isDigit(text.charAt(i + 1)))) {
                int end = i + 1;
                while (end < to) {
                    char d = text.charAt(end);
                    boolean exponentSign = (d == '+' || d == '-') && "eE".indexOf(text.charAt(end - 1)) >= 0
                            && !text.substring(i, end).toLowerCase().startsWith("0x");
                    if (!(Character.isLetterOrDigit(d) || d == '_' || d == '.' || exponentSign)) {
                        break;
                    }
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, i, end, text.substring(i, end)));
                i = end;
            } else {
                if (field && depth == 0 && (c == '}' || c == ':' || (c == '!' && !text.startsWith("!=", i)))) {
                    return i;
                }
                if (c == '(' || c == '[' || c == '{') {
                    depth++;
                } else if (c == ')' || c == ']' || c == '}') {
                    depth = Math.max(0, depth - 1);
                }
                String op = String.valueOf(c);
                for (String candidate : OPERATORS) {
                    if (text.startsWith(candidate, i) && i + candidate.length() <= to) {
                        op = candidate;
                        break;
                    }
                }
                tokens.add(new Token(Kind.OP, i, i + op.length(), op));
                i += op.length();
            }
        }
        return i;
    }

    /** A string literal from start (its prefix) with its quote at quote; returns the offset after it. */
    private int string(int start, int quote, int to) {
        String prefix = text.substring(start, quote).toLowerCase();
        boolean formatted = prefix.contains("f");
        boolean raw = prefix.contains("r");
        char q = text.charAt(quote);
        boolean triple = text.startsWith(String.valueOf(q).repeat(3), quote);
        String closing = triple ? String.valueOf(q).repeat(3) : String.valueOf(q);
        int i = quote + closing.length();
        int tokenIndex = tokens.size();
        while (i < to) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < to) {
                i += 2;
            } else if (text.startsWith(closing, i)) {
                i += closing.length();
                tokens.add(tokenIndex, new Token(formatted ? Kind.FSTRING : Kind.STRING, start, i,
                        text.substring(start, i)));
                return i;
            } else if (c == '\n' && !triple) {
                break;
            } else if (formatted && c == '{') {
                if (text.startsWith("{{", i)) {
                    i += 2;
                } else {
                    i = field(i + 1, to);
                }
            } else {
                i++;
            }
        }
        // unterminated: the literal ends where the line (or the text) does
        tokens.add(tokenIndex, new Token(formatted ? Kind.FSTRING : Kind.STRING, start, i, text.substring(start, i)));
        return i;
    }

    /** An f-string replacement field from just after its '{'; returns the offset after its '}'. */
    private int field(int from, int to) {
        int i = lex(from, to, true);
        if (i < to && text.charAt(i) == '!') {
            i += 2;
        }
        if (i < to && text.charAt(i) == ':') {
            i++;
            while (i < to && text.charAt(i) != '}' && text.charAt(i) != '\n') {
                i = text.charAt(i) == '{' ? field(i + 1, to) : i + 1;
            }
        }
        return i < to && text.charAt(i) == '}' ? i + 1 : i;
    }

    private int lineEnd(int from, int to) {
        int end = text.indexOf('\n', from);
        return end < 0 || end > to ? to : end;
    }

    private static boolean isPrefix(String s) {
        return s.toLowerCase().matches("[rbuf]|rb|br|fr|rf");
    }

    static boolean isNameStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    static boolean isNamePart(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
