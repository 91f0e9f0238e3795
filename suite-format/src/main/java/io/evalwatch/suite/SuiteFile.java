package io.evalwatch.suite;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * A suite's {@code suite.yaml} as written. The version appears in URLs and names one immutable set of tasks; the
 * environment is read by {@link EnvironmentDeclaration} (its sub-tree has its own vocabulary per language).
 */
public record SuiteFile(
        String name,
        @NotBlank(message = "field 'version' is required (for example 1.0.0)")
        @Pattern(regexp = "[0-9A-Za-z][0-9A-Za-z._-]{0,63}", message = "version '${validatedValue}' must match"
                + " [0-9A-Za-z][0-9A-Za-z._-]\\{0,63\\} (letters, digits, '.', '-' and '_')")
        String version,
        String description,
        @Valid Judge judge,
        JsonNode environment) {

    /** The optional LLM judge; whether the model is a fitting judge is checked when a run starts. */
    public record Judge(
            @NotBlank(message = "judge.model: name a model of the catalogue (judge: {model: NAME})")
            String model) {
    }
}
