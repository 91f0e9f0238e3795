package io.evalwatch.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Help.Ansi;

/**
 * Whether stdout or stderr is a terminal, decided once here: updating displays and colour only there; a pipe, a
 * file or a CI log gets plain text. NO_COLOR (https://no-color.org) turns colour off; TERM=dumb turns both off.
 */
public final class Terminal {

    private Terminal() {
    }

    public static boolean stdout() {
        return isTerminal(1);
    }

    public static boolean stderr() {
        return isTerminal(2);
    }

    /** Colour on stdout: a terminal, and the user did not ask for none. */
    public static boolean colourOnStdout() {
        return stdout() && colourWanted();
    }

    /** The user did not ask for no colour (NO_COLOR set to anything). */
    public static boolean colourWanted() {
        return System.getenv("NO_COLOR") == null;
    }

    /** The text in a picocli colour (red, green, yellow, bold, ...). */
    public static String colour(String text, String style) {
        return Ansi.ON.string("@|" + style + " " + text.replace("|@", "| @") + "|@");
    }

    // Linux tells where a descriptor points; System.console() answers only for stdin and stdout together, so it
    // would call a terminal's stderr a pipe whenever stdout is piped (the case of --format json | jq)
    private static boolean isTerminal(int fd) {
        if ("dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
