package io.evalwatch.generator.prompt;

import io.evalwatch.events.TaskSpec;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user message a model receives for a task. Placeholders: {prompt}, {language}, {entry_point}, {task_id},
 * {category}. Only the template is scanned for placeholders, never the task text put into it.
 */
public final class PromptTemplate {

    public static final String DEFAULT =
            "{prompt}\n\nReply with the complete {language} function `{entry_point}` in one fenced code block.";

    private static final Set<String> PLACEHOLDERS = Set.of("prompt", "language", "entry_point", "task_id", "category");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    private PromptTemplate() {
    }

    /** Rejects templates that would silently drop the task or name a placeholder that does not exist. */
    public static void check(String template) {
        Matcher m = PLACEHOLDER.matcher(template);
        boolean hasPrompt = false;
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                throw new IllegalArgumentException("names an unknown placeholder {" + m.group(1) + "} (known: "
                        + String.join(", ", PLACEHOLDERS.stream().sorted().map(p -> "{" + p + "}").toList()) + ")");
            }
            hasPrompt |= m.group(1).equals("prompt");
        }
        if (!hasPrompt) {
            throw new IllegalArgumentException("must contain {prompt}, or the task never reaches the model");
        }
    }

    public static String render(String template, TaskSpec task) {
        Map<String, String> values = Map.of(
                "prompt", nullToEmpty(task.prompt()),
                "language", nullToEmpty(task.language()),
                "entry_point", nullToEmpty(task.entryPoint()),
                "task_id", nullToEmpty(task.id()),
                "category", nullToEmpty(task.category()));
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
