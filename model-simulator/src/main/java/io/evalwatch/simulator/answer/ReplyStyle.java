package io.evalwatch.simulator.answer;

import io.evalwatch.simulator.profile.OutputStyle;

/** Puts code into a reply the way a model version writes: fenced, fenced with prose around it, or raw. */
public final class ReplyStyle {

    private ReplyStyle() {
    }

    public static String render(OutputStyle style, String language, String entryPoint, String code) {
        String body = code.strip();
        String fenced = "```" + language + "\n" + body + "\n```";
        return switch (style) {
            case FENCED -> fenced;
            case RAW -> body;
            case FENCED_WITH_PROSE -> "Here is an implementation of `" + entryPoint + "`:\n\n" + fenced
                    + "\n\nIt follows the specification, including the boundary cases it mentions.";
        };
    }
}
