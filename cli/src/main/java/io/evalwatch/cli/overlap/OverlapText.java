package io.evalwatch.cli.overlap;

/**
 * The one normalisation both sides of an overlap check go through, so that a copy is recognised through cosmetic
 * changes: comments dropped ({@code #} and a line's leading {@code //} to the end of the line, {@code /* *}{@code /}
 * blocks; never inside a string literal), docstring quotes ({@code """}, {@code '''}) dropped with their text kept,
 * every run of whitespace one space, and everything lower-case. {@code //} after code is left alone: in Python it is
 * floor division.
 */
public final class OverlapText {

    private OverlapText() {
    }

    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        char quote = 0; // the quote of the single-line string literal we are in, 0 outside one
        String triple = null; // the triple quote of the docstring we are in
        boolean lineHasCode = false;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (triple != null) {
                if (text.startsWith(triple, i)) {
                    triple = null;
                    out.append(' ');
                    i += 3;
                } else {
                    append(out, c);
                    i++;
                }
                continue;
            }
            if (quote != 0) {
                append(out, c);
                if (c == '\\' && i + 1 < n && text.charAt(i + 1) != '\n') {
                    append(out, text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (c == quote || c == '\n') {
                    quote = 0;
                    lineHasCode = c != '\n';
                }
                i++;
                continue;
            }
            if (text.startsWith("\"\"\"", i) || text.startsWith("'''", i)) {
                triple = text.substring(i, i + 3);
                out.append(' ');
                i += 3;
                lineHasCode = true;
            } else if (c == '"' || c == '\'') {
                quote = c;
                append(out, c);
                i++;
                lineHasCode = true;
            } else if (c == '#' || (c == '/' && !lineHasCode && text.startsWith("//", i))) {
                i = lineEnd(text, i);
            } else if (c == '/' && text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else {
                append(out, c);
                if (c == '\n') {
                    lineHasCode = false;
                } else if (!Character.isWhitespace(c)) {
                    lineHasCode = true;
                }
                i++;
            }
        }
        return collapse(out);
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    private static void append(StringBuilder out, char c) {
        out.append(Character.toLowerCase(c));
    }

    private static String collapse(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
