package io.evalwatch.generator.prompt;

import io.evalwatch.events.TaskSpec;
import io.evalwatch.events.work.ReviewCategories;
import io.evalwatch.events.work.SourceFile;
import java.util.List;

/**
 * The user message for a task, by its kind: the one place a kind's prompt is written. A generation task goes through
 * the model's own {@code prompt_template} (see {@link PromptTemplate}); completion, review and search frame the
 * task's files with evalwatch's template for the kind, and ask for an answer their scorers can read. The task's
 * reference, known findings and gold locations never reach a prompt.
 */
public final class KindPrompts {

    /** Marks the hole in a completion's file. */
    public static final String HOLE = "<HOLE>";
    /** How many locations a search answer may list (the scorer reads the top five). */
    static final int SEARCH_ANSWERS = 5;

    private KindPrompts() {
    }

    public static String render(String modelTemplate, TaskSpec task) {
        return switch (task.kind()) {
            case GENERATION -> PromptTemplate.render(modelTemplate, task);
            // a function completion (HumanEval's form, no hole) goes through the model's template as before
            case COMPLETION -> task.hole() == null ? PromptTemplate.render(modelTemplate, task) : completion(task);
            case REVIEW -> review(task);
            case SEARCH -> search(task);
        };
    }

    static String completion(TaskSpec task) {
        StringBuilder text = new StringBuilder(task.prompt().strip()).append("\n\n");
        if (!task.files().isEmpty()) {
            text.append("Files of the repository the code uses:\n\n");
            files(text, task.files(), task.language(), false);
        }
        String file = task.hole() == null ? "the file" : "`" + task.hole().file() + "`";
        text.append("The file ").append(file).append(", with the part to write marked ").append(HOLE).append(":\n\n");
        String prefix = task.hole() == null ? "" : task.hole().prefix();
        String suffix = task.hole() == null ? "" : task.hole().suffix();
        fenced(text, task.language(), prefix + HOLE + suffix);
        text.append("\nReply with only the code that replaces ").append(HOLE)
                .append(", indented as it stands in the file, in one fenced code block. Use the repository's own"
                        + " helpers, names and error types where they fit.");
        return text.toString();
    }

    static String review(TaskSpec task) {
        StringBuilder text = new StringBuilder(task.prompt().strip()).append("\n\n");
        text.append("The code under review (line numbers on the left):\n\n");
        files(text, task.files(), task.language(), true);
        text.append("\nReply with your findings as a JSON array, one object per finding: {\"file\": the file's path,"
                        + " \"line\": the first line number concerned, \"severity\": \"low\" | \"medium\" | \"high\" |"
                        + " \"critical\", \"category\": one of ")
                .append(String.join(", ", ReviewCategories.GROUPS.values().stream().flatMap(List::stream).toList()))
                .append(", \"explanation\": why it is a problem}. Report real problems only; reply [] when there are"
                        + " none.");
        return text.toString();
    }

    static String search(TaskSpec task) {
        StringBuilder text = new StringBuilder("The files of a repository:\n\n");
        files(text, task.files(), task.language(), false);
        text.append("\nQuestion: ").append(task.prompt().strip()).append("\n\nReply with a JSON array of at most ")
                .append(SEARCH_ANSWERS).append(" locations, the most likely first: [{\"file\": \"path as listed\","
                        + " \"symbol\": \"the function or class, or null for the whole file\"}].");
        return text.toString();
    }

    private static void files(StringBuilder text, List<SourceFile> files, String language, boolean numbered) {
        for (SourceFile file : files) {
            text.append("### ").append(file.path()).append('\n');
            fenced(text, languageOf(file.path(), language), numbered ? numbered(file.content()) : file.content());
            text.append('\n');
        }
    }

    private static void fenced(StringBuilder text, String language, String content) {
        // a fence longer than any backtick run inside, so a file holding ``` cannot close it early
        String fence = "```";
        while (content.contains(fence)) {
            fence += "`";
        }
        text.append(fence).append(language == null ? "" : language).append('\n').append(content);
        if (!content.endsWith("\n")) {
            text.append('\n');
        }
        text.append(fence).append('\n');
    }

    static String numbered(String content) {
        List<String> lines = content.lines().toList();
        int width = Integer.toString(Math.max(1, lines.size())).length();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(String.format("%" + width + "d| %s", i + 1, lines.get(i))).append('\n');
        }
        return out.toString();
    }

    /** The fence's language tag from the file's extension (a corpus or a review may mix languages). */
    static String languageOf(String path, String fallback) {
        if (path == null) {
            return fallback;
        }
        if (path.endsWith(".py")) {
            return "python";
        }
        if (path.endsWith(".js") || path.endsWith(".mjs") || path.endsWith(".ts")) {
            return "javascript";
        }
        if (path.endsWith(".java")) {
            return "java";
        }
        return fallback;
    }
}
