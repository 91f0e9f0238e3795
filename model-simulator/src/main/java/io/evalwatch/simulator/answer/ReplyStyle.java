package io.evalwatch.simulator.answer;

import io.evalwatch.events.work.CompletedFile;
import io.evalwatch.simulator.profile.OutputStyle;

/** Puts code into a reply the way a model version writes: fenced, fenced with prose around it, or raw. */
public final class ReplyStyle {

    private ReplyStyle() {
    }

    public static String render(OutputStyle style, String language, String entryPoint, String code) {
        return render(style, language, entryPoint, code, false);
    }

    /**
     * As above; keepIndentation keeps the first line's leading spaces (a completion's middle is indented as it stands
     * in its file), dropping only blank lines around the code.
     */
    public static String render(OutputStyle style, String language, String entryPoint, String code,
            boolean keepIndentation) {
        String body = keepIndentation ? CompletedFile.withoutBlankLinesAround(code) : code.strip();
        String fenced = "```" + language + "\n" + body + "\n```";
        return switch (style) {
            case FENCED -> fenced;
            case RAW -> body;
            case FENCED_WITH_PROSE -> "Here is an implementation of `" + entryPoint + "`:\n\n" + fenced
                    + "\n\nIt follows the specification, including the boundary cases it mentions.";
        };
    }
}
