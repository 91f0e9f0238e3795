package io.evalwatch.suite;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task file ({@code tasks/<id>.yaml}) as written, bound field by field (snake_case in the file). One record for
 * the four kinds: which fields a kind needs and which do not apply to it is {@link TaskRules}' to check, with
 * messages that name the kind. Every field is nullable here so that a missing field is reported, not defaulted
 * silently; the defaults (kind generation, language python, category general, timeout 10 s) are applied when the
 * task is resolved.
 */
public record TaskFile(
        @NotBlank(message = "field 'id' is required: the file name without .yaml")
        @Pattern(regexp = "[a-z0-9][a-z0-9_-]*",
                message = "id '${validatedValue}' must match [a-z0-9][a-z0-9_-]* (lower case, digits, - and _)")
        String id,
        String kind,
        String category,
        String language,
        @Min(value = 1, message = "complexity: expected a whole number 1..3 (1 basic, 2 intermediate, 3 advanced),"
                + " got ${validatedValue}")
        @Max(value = 3, message = "complexity: expected a whole number 1..3 (1 basic, 2 intermediate, 3 advanced),"
                + " got ${validatedValue}")
        Integer complexity,
        List<@NotBlank(message = "tags: an empty tag; write a word such as domain:billing") String> tags,
        String reviewed,
        @NotBlank(message = "field 'prompt' is required: what the model is asked, like a real ticket or question")
        String prompt,
        @Positive(message = "timeout_seconds must be between 0 and 600, was ${validatedValue}")
        @DecimalMax(value = "600", message = "timeout_seconds must be between 0 and 600, was ${validatedValue}")
        Double timeoutSeconds,
        @Min(value = 16, message = "memory_mb must be a whole number of megabytes between 16 and 65536, was"
                + " ${validatedValue} (leave it out for the sandbox's default)")
        @Max(value = 65536, message = "memory_mb must be a whole number of megabytes between 16 and 65536, was"
                + " ${validatedValue} (leave it out for the sandbox's default)")
        Integer memoryMb,
        JsonNode environment,
        String entryPoint,
        String reference,
        List<@Valid @NotNull(message = "tests: an empty entry; write name, code and edge") Test> tests,
        @Valid Simulation simulation,
        String file,
        List<@NotBlank(message = "context_files: an empty path; write a path under the suite's codebase/")
                String> contextFiles,
        String prefix,
        String suffix,
        List<@Valid @NotNull(message = "files: an empty entry; write path and content") FileEntry> files,
        List<@Valid @NotNull(message = "findings: an empty entry") Finding> findings,
        String corpus,
        List<@Valid @NotNull(message = "gold: an empty entry; write file and symbol") Gold> gold) {

    /** One test: code run against the solution (or the completed file); {@code edge} marks a boundary test. */
    public record Test(
            String name,
            @NotBlank(message = "the test has no code; write the statements that check the solution")
            String code,
            Boolean edge) {
    }

    /** Hand-written wrong answers the model simulator uses. */
    public record Simulation(String offByOne, String missingEdgeCase, String ignoresContext) {

        /** The wrong answers by their label ({@code off_by_one}, ...), only those given. */
        public Map<String, String> byLabel() {
            Map<String, String> labels = new LinkedHashMap<>();
            put(labels, "off_by_one", offByOne);
            put(labels, "missing_edge_case", missingEdgeCase);
            put(labels, "ignores_context", ignoresContext);
            return labels;
        }

        private static void put(Map<String, String> labels, String label, String code) {
            if (code != null && !code.isBlank()) {
                labels.put(label, code);
            }
        }
    }

    /** A file of the code under review, inline. */
    public record FileEntry(
            @NotBlank(message = "the file needs a 'path', as the reviewer sees it (app/orders.py)")
            String path,
            @NotNull(message = "the file needs its 'content'")
            String content) {
    }

    /** A known finding of a review task. */
    public record Finding(
            @NotBlank(message = "the finding needs 'file': one of the task's files' paths")
            String file,
            @NotNull(message = "the finding needs 'lines': [start, end], 1-based and inclusive")
            @Size(min = 2, max = 2, message = "lines: expected [start, end], two line numbers")
            List<@NotNull(message = "lines: a line number is missing") Integer> lines,
            @NotNull(message = "the finding needs 'tier': 1 known pattern, 2 logic needing domain context,"
                    + " 3 cross-file")
            @Min(value = 1, message = "tier: expected a whole number 1..3, got ${validatedValue}")
            @Max(value = 3, message = "tier: expected a whole number 1..3, got ${validatedValue}")
            Integer tier,
            String category,
            @NotNull(message = "the finding needs 'severity': low, medium, high or critical")
            @Pattern(regexp = "low|medium|high|critical",
                    message = "severity '${validatedValue}' is not one of low, medium, high, critical")
            String severity,
            @NotBlank(message = "the finding needs a 'note': why it is a finding, what a reviewer checks")
            String note) {
    }

    /** A gold location of a search task. */
    public record Gold(
            @NotBlank(message = "the gold location needs 'file': a path starting with the corpus name")
            String file,
            String symbol) {
    }
}
