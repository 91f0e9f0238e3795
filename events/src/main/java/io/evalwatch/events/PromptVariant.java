package io.evalwatch.events;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The prompt variants a run may ask for: the one place a variant is defined, with what it does to the prompt and how
 * its answer's code is read. {@code base} is the prompt as the model's template and the task's kind write it; the
 * others add to it. A zero-shot variant would be {@code base} itself (base shows no examples), so there is none.
 * Variants change only the prompts of the kinds whose answer is code (generation, completion); review and search
 * items are dispatched in {@code base} alone (see {@link #appliesTo}).
 *
 * <p>The texts here are what a vendor sees. The model simulator recognises a variant by them, as it only sees the
 * request, and keep them stable: changing one changes the prompt hash of that variant's stream.
 */
public enum PromptVariant {

    /** Today's prompt, unchanged. */
    BASE("base", AnswerFormat.CODE_BLOCK, ""),
    /** Solved tasks of the same suite, kind and language before the task. */
    FEW_SHOT("few-shot", AnswerFormat.CODE_BLOCK, ""),
    /** Reasoning first, then the code in one fenced block after it. */
    CHAIN_OF_THOUGHT("chain-of-thought", AnswerFormat.CODE_AFTER_REASONING,
            "Reason step by step first: explain how you will solve it, then give the complete code in one fenced code"
                    + " block after your reasoning."),
    /** The answer as a JSON object {"code": "..."} per a stated schema. */
    STRUCTURED("structured", AnswerFormat.JSON_CODE,
            "Instead of a fenced block, reply with only a JSON object that follows this JSON schema: "
                    + "{\"type\": \"object\", \"properties\": {\"code\": {\"type\": \"string\"}}, \"required\": "
                    + "[\"code\"], \"additionalProperties\": false}. The code field holds the complete source code,"
                    + " without markdown fences."),
    /**
     * The contamination probe: the task's twin (renamed, reworded, examples reordered; suite-format's Twins) in
     * place of the task, prompted as base. Dispatched only for tasks that have a twin (Python function tasks of
     * the generation and completion kinds), see {@link #dependsOnTask()}.
     */
    TWIN("twin", AnswerFormat.CODE_BLOCK, ""),
    /**
     * The consistency probe: the base prompt unchanged, sent several times at the run's temperature (samples 0 to
     * repeats - 1 of this variant). How far the answers differ is the stream's noise floor.
     */
    REPEAT("repeat", AnswerFormat.CODE_BLOCK, ""),
    /**
     * The long-context position probe: not a prompt of the suite's tasks but items of its own, a needle function to
     * find in a long context at each configured size and position ({@link io.evalwatch.events.probe.LongContext}).
     * Its items carry a cell's variant id, {@code long-context-<size>-<position>}.
     */
    LONG_CONTEXT("long-context", AnswerFormat.CODE_BLOCK, "");

    /** How a variant's answer carries its code. */
    public enum AnswerFormat {
        /** Code in a fenced block (or raw), as the kind's extractor reads it. */
        CODE_BLOCK,
        /** Prose reasoning, then the code in a fenced block: the block that defines the entry point is the code. */
        CODE_AFTER_REASONING,
        /** A JSON object whose {@code code} string is the code; anything else is an answer without code. */
        JSON_CODE
    }

    /** Examples a few-shot prompt shows by default. */
    public static final int DEFAULT_EXAMPLES = 3;
    /** Opens the examples of a few-shot prompt. */
    public static final String EXAMPLES_HEADER = "Here are solved examples of similar tasks.";
    /** Heads each example. */
    public static final String EXAMPLE_HEADING = "### Example ";
    /** Ends the examples: the task itself follows. */
    public static final String TASK_HEADING = "### Your task";

    private final String id;
    private final AnswerFormat answerFormat;
    private final String instruction;

    PromptVariant(String id, AnswerFormat answerFormat, String instruction) {
        this.id = id;
        this.answerFormat = answerFormat;
        this.instruction = instruction;
    }

    public String id() {
        return id;
    }

    public AnswerFormat answerFormat() {
        return answerFormat;
    }

    /** The instruction added after the base prompt (empty for base and few-shot). */
    public String instruction() {
        return instruction;
    }

    /**
     * Whether a task of a kind it applies to may still not be dispatched in this variant, by the task's own content
     * (twin: a task without a twin). Reporting then knows a task's items of the variant from those that arrived.
     */
    public boolean dependsOnTask() {
        return this == TWIN;
    }

    /** Whether the variant changes prompts of this kind; a kind it does not apply to is dispatched in base only. */
    public boolean appliesTo(TaskKind kind) {
        return this != LONG_CONTEXT && (this == BASE || kind == null || kind.executable());
    }

    public static Optional<PromptVariant> of(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }

    /** The variant of an item's variant field (null is base, as in items stored before variants existed). */
    public static PromptVariant ofItem(String id) {
        if (io.evalwatch.events.probe.LongContext.isProbeVariant(id)) {
            return LONG_CONTEXT;
        }
        return id == null ? BASE : of(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown prompt variant '" + id + "'; known variants: " + ids()));
    }

    /** Orders variant names as the registry does (base first); an unknown name last. */
    public static int rank(String id) {
        return of(id).map(Enum::ordinal).orElse(Integer.MAX_VALUE);
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(PromptVariant::id).toList();
    }

    /**
     * The user message of this variant around the base message: examples before it for few-shot, the instruction
     * after it for chain-of-thought and structured.
     */
    public String apply(String baseMessage, List<FewShotExample> examples, String language) {
        return switch (this) {
            case BASE, LONG_CONTEXT -> baseMessage;
            case TWIN -> baseMessage; // the twin task's own message, as base writes it
            case FEW_SHOT -> examples(examples, language) + baseMessage;
            case CHAIN_OF_THOUGHT, STRUCTURED -> baseMessage + "\n\n" + instruction;
            case REPEAT -> baseMessage;
        };
    }

    private static String examples(List<FewShotExample> examples, String language) {
        if (examples == null || examples.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(EXAMPLES_HEADER).append("\n\n");
        int n = 1;
        for (FewShotExample example : examples) {
            text.append(EXAMPLE_HEADING).append(n++).append("\n\n").append(example.prompt().strip()).append("\n\n");
            String fence = "```";
            while (example.solution().contains(fence)) {
                fence += "`";
            }
            text.append(fence).append(language == null ? "" : language).append('\n')
                    .append(example.solution().strip()).append('\n').append(fence).append("\n\n");
        }
        return text.append(TASK_HEADING).append("\n\n").toString();
    }

    /**
     * The variant a user message was written in, read from its shape (what a vendor sees): the examples' header,
     * or the instruction at its end; base otherwise.
     */
    public static PromptVariant recognise(String userMessage) {
        if (userMessage == null) {
            return BASE;
        }
        String text = userMessage.strip();
        if (text.startsWith(EXAMPLES_HEADER) && text.contains(TASK_HEADING)) {
            return FEW_SHOT;
        }
        for (PromptVariant v : List.of(CHAIN_OF_THOUGHT, STRUCTURED)) {
            if (text.endsWith(v.instruction)) {
                return v;
            }
        }
        return BASE;
    }

    /** The part of a user message that is the task itself: after a few-shot prompt's examples, before an instruction. */
    public static String taskPart(String userMessage) {
        if (userMessage == null) {
            return null;
        }
        PromptVariant variant = recognise(userMessage);
        String text = userMessage.strip();
        return switch (variant) {
            case BASE, LONG_CONTEXT -> userMessage;
            case TWIN -> userMessage;
            case FEW_SHOT -> text.substring(text.indexOf(TASK_HEADING) + TASK_HEADING.length());
            case CHAIN_OF_THOUGHT, STRUCTURED -> text.substring(0, text.length() - variant.instruction.length());
            case REPEAT -> userMessage;
        };
    }
}
