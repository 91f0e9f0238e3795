package io.evalwatch.events.work;

/** One file a task shows the model: a completion's context, code under review, a file of a search corpus. */
public record SourceFile(String path, String content) {

    public SourceFile {
        content = content == null ? "" : content;
    }

    /** The number of lines, counting a last line without a newline. */
    public int lineCount() {
        if (content.isEmpty()) {
            return 0;
        }
        return (int) content.lines().count();
    }
}
