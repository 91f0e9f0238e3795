package io.evalwatch.generator.extraction;

import io.evalwatch.events.PromptVariant;
import io.evalwatch.events.TaskSpec;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What of an answer is its code, by the task's kind. Generation and completion: the code (see {@link CodeExtractor};
 * a completion's middle keeps its indentation). Review and search: the JSON the prompt asked for, from a fenced
 * block or the first bracket on; the scorer parses it, tolerantly, from the whole answer, so this is what reports
 * show as the answer's code.
 */
public final class AnswerExtractor {

    private static final Pattern FENCED_JSON = Pattern.compile("(?s)```[a-zA-Z]*\\s*\\n(.*?)\\n\\s*```");

    private AnswerExtractor() {
    }

    /**
     * The code of an answer in a prompt variant, by the variant's answer format: a structured variant's answer is a
     * JSON object (fenced or not) whose code string is the code, anything else no code (a format failure); a
     * chain-of-thought answer's code is the fenced block after the reasoning that defines the entry point (see
     * {@link CodeExtractor}), as for base.
     */
    public static ExtractedCode extract(TaskSpec task, PromptVariant variant, String output) {
        if (!variant.appliesTo(task.kind())) {
            return extract(task, output);
        }
        return switch (variant.answerFormat()) {
            case CODE_BLOCK, CODE_AFTER_REASONING -> extract(task, output);
            case JSON_CODE -> StructuredAnswer.extract(unfenced(output));
        };
    }

    /** The content of an answer that is one fenced block and nothing else; the answer itself otherwise. */
    static String unfenced(String output) {
        if (output == null) {
            return null;
        }
        Matcher fenced = FENCED_JSON.matcher(output.strip());
        return fenced.matches() ? fenced.group(1) : output;
    }

    public static ExtractedCode extract(TaskSpec task, String output) {
        return switch (task.kind()) {
            case GENERATION, COMPLETION -> CodeExtractor.extract(output, task.entryPoint());
            case REVIEW, SEARCH -> json(output);
        };
    }

    static ExtractedCode json(String output) {
        if (output == null || output.isBlank()) {
            return new ExtractedCode("", CodeFormat.NONE);
        }
        Matcher fenced = FENCED_JSON.matcher(output);
        if (fenced.find()) {
            String prose = (output.substring(0, fenced.start()) + output.substring(fenced.end())).strip();
            return new ExtractedCode(fenced.group(1).strip(),
                    prose.isEmpty() ? CodeFormat.FENCED : CodeFormat.FENCED_WITH_PROSE);
        }
        int array = output.indexOf('[');
        int object = output.indexOf('{');
        int start = array < 0 ? object : object < 0 ? array : Math.min(array, object);
        if (start < 0) {
            return new ExtractedCode("", CodeFormat.NONE);
        }
        char close = output.charAt(start) == '[' ? ']' : '}';
        int end = output.lastIndexOf(close);
        return end > start ? new ExtractedCode(output.substring(start, end + 1), CodeFormat.RAW)
                : new ExtractedCode("", CodeFormat.NONE);
    }
}
