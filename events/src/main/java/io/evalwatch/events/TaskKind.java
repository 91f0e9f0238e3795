package io.evalwatch.events;

/** What kind of code work a task asks for; decides whether its output is executed in the sandbox. */
public enum TaskKind {
    GENERATION(true),
    COMPLETION(true),
    REVIEW(false),
    SEARCH(false);

    private final boolean executable;

    TaskKind(boolean executable) {
        this.executable = executable;
    }

    public boolean executable() {
        return executable;
    }
}
