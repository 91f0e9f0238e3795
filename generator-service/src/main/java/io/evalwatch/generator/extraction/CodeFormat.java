package io.evalwatch.generator.extraction;

/** How code came in a model's answer; the values of GenerationCompleted.codeFormat. */
public enum CodeFormat {
    /** Only fenced code block(s), nothing around them. */
    FENCED("fenced"),
    /** Fenced code with explanations around it. */
    FENCED_WITH_PROSE("fenced_with_prose"),
    /** Code without fences. */
    RAW("raw"),
    /** The code field of a structured answer (a JSON schema response or a tool call). */
    STRUCTURED("structured"),
    /** No code at all: an empty answer, or prose only (a refusal, a question back). */
    NONE("none");

    private final String id;

    CodeFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
