package io.evalwatch.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell commands README.md shows: every line of its fenced {@code bash}/{@code sh}/{@code shell} blocks, with
 * backslash continuations joined and a trailing {@code # comment} split off. A comment saying {@code (exit N)}
 * documents the command's exit code; otherwise it is 0. ReadmeCommandsIT runs them.
 */
final class ReadmeCommands {

    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*([A-Za-z0-9_-]*)\\s*$");
    private static final Pattern EXPECTED_EXIT = Pattern.compile("\\(exit (\\d+)\\)");
    private static final List<String> SHELL = List.of("bash", "sh", "shell");

    /** One command: where README shows it, its text without the comment, and the exit code it documents. */
    record Command(int line, String section, String text, String comment, int expectedExit) {
        @Override
        public String toString() {
            return "README.md:" + line + " (" + section + "): " + text;
        }
    }

    private ReadmeCommands() {
    }

    /**
     * The commands of every shell block, in README order. A fence without a language whose lines run
     * {@code ./evalwatch} is refused: labelled {@code bash}, its commands would be checked; unlabelled they would
     * silently not be.
     */
    static List<Command> parse(String markdown) {
        List<Command> commands = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        String section = "";
        String fence = null; // the open block's language, or null outside a block
        int fenceLine = 0;
        StringBuilder pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher f = FENCE.matcher(line);
            if (fence == null) {
                if (f.matches()) {
                    fence = f.group(1).toLowerCase(java.util.Locale.ROOT);
                    fenceLine = i + 1;
                } else if (line.startsWith("#")) {
                    section = line.replaceFirst("^#+\\s*", "");
                }
                continue;
            }
            if (f.matches() && f.group(1).isEmpty()) {
                if (pending != null) {
                    throw new IllegalArgumentException("README.md:" + pendingLine + ": a continued line ends its block");
                }
                fence = null;
                continue;
            }
            if (!SHELL.contains(fence)) {
                if (fence.isEmpty() && line.strip().startsWith("./evalwatch")) {
                    throw new IllegalArgumentException("README.md:" + fenceLine + ": a block of commands without a"
                            + " language; write ```bash so its commands are checked");
                }
                continue;
            }
            if (pending == null) {
                pending = new StringBuilder();
                pendingLine = i + 1;
            }
            String stripped = line.stripTrailing();
            if (stripped.endsWith("\\") && !stripped.strip().startsWith("#")) {
                pending.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String joined = pending.toString();
            pending = null;
            int hash = commentStart(joined);
            String text = (hash < 0 ? joined : joined.substring(0, hash)).strip();
            String comment = hash < 0 ? "" : joined.substring(hash + 1).strip();
            if (text.isEmpty()) {
                continue;
            }
            Matcher exit = EXPECTED_EXIT.matcher(comment);
            commands.add(new Command(pendingLine, section, text, comment, exit.find() ? Integer.parseInt(exit.group(1)) : 0));
        }
        if (fence != null) {
            throw new IllegalArgumentException("README.md:" + fenceLine + ": a block that never closes");
        }
        return commands;
    }

    /** Where a shell comment starts: a {@code #} at the start or after a blank, outside quotes; -1 if none. */
    static int commentStart(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\') {
                i++;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }
}
